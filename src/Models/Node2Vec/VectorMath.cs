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

    /// <summary>Fused word2vec target update, one pass over c: grad += g * c, then c += g * w (c read before it changes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AxpyPair(float g, ReadOnlySpan<float> w, Span<float> c, Span<float> grad)
    {
        int width = Vector<float>.Count;
        int full = c.Length - c.Length % width;
        var gv = new Vector<float>(g);
        ReadOnlySpan<Vector<float>> wv = MemoryMarshal.Cast<float, Vector<float>>(w[..full]);
        Span<Vector<float>> cv = MemoryMarshal.Cast<float, Vector<float>>(c[..full]);
        Span<Vector<float>> gradv = MemoryMarshal.Cast<float, Vector<float>>(grad[..full]);
        for (int i = 0; i < cv.Length; i++)
        {
            Vector<float> ci = cv[i];
            gradv[i] += gv * ci;
            cv[i] = ci + gv * wv[i];
        }

        for (int i = full; i < c.Length; i++)
        {
            float ci = c[i];
            grad[i] += g * ci;
            c[i] = ci + g * w[i];
        }
    }
}
