using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Trainer.Models.Node2Vec;

/// <summary>Dot products and axpy over float spans with SIMD registers (System.Numerics.Vector), for the SGD kernel.</summary>
internal static class VectorMath
{
    /// <summary>sum_i x[i] * y[i] (spans of equal length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        int width = Vector<float>.Count;
        int full = x.Length - x.Length % width;
        var acc = Vector<float>.Zero;
        ReadOnlySpan<Vector<float>> xv = MemoryMarshal.Cast<float, Vector<float>>(x[..full]);
        ReadOnlySpan<Vector<float>> yv = MemoryMarshal.Cast<float, Vector<float>>(y[..full]);
        for (int i = 0; i < xv.Length; i++)
        {
            acc += xv[i] * yv[i];
        }

        float sum = Vector.Sum(acc);
        for (int i = full; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }

    /// <summary>y += a * x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        int width = Vector<float>.Count;
        int full = x.Length - x.Length % width;
        var av = new Vector<float>(a);
        ReadOnlySpan<Vector<float>> xv = MemoryMarshal.Cast<float, Vector<float>>(x[..full]);
        Span<Vector<float>> yv = MemoryMarshal.Cast<float, Vector<float>>(y[..full]);
        for (int i = 0; i < xv.Length; i++)
        {
            yv[i] += av * xv[i];
        }

        for (int i = full; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }
}
