using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.NnTests;

/// <summary>
/// Deterministic test data that does not touch libtorch's global generator (other tests seed and draw from it in
/// parallel): values come from a SplitMix64 stream keyed by a seed.
/// </summary>
internal static class TestTensors
{
    /// <summary>n values uniform in [lo, hi).</summary>
    public static double[] Doubles(ulong seed, long n, double lo = -1, double hi = 1)
    {
        ulong state = seed * 0x2545F4914F6CDD1DUL + 1;
        var r = new double[n];
        for (long i = 0; i < n; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            r[i] = lo + (hi - lo) * ((z >> 11) * (1.0 / (1UL << 53)));
        }

        return r;
    }

    /// <summary>A float64 tensor of uniform values in [lo, hi) that requires grad (a leaf for gradient checks).</summary>
    public static Tensor Leaf(ulong seed, double lo, double hi, params long[] shape) =>
        tensor(Doubles(seed, Numel(shape), lo, hi), shape, requires_grad: true);

    /// <summary>A float64 leaf whose values have magnitude in [0.2, 1.2) with alternating signs (away from 0).</summary>
    public static Tensor AwayFromZero(ulong seed, params long[] shape)
    {
        double[] v = Doubles(seed, Numel(shape), 0.2, 1.2);
        for (int i = 0; i < v.Length; i += 2)
        {
            v[i] = -v[i];
        }

        return tensor(v, shape, requires_grad: true);
    }

    /// <summary>Uniform values in [lo, hi) as a tensor of the given dtype (no grad).</summary>
    public static Tensor Uniform(ulong seed, long[] shape, double lo = -1, double hi = 1, ScalarType dtype = ScalarType.Float32)
    {
        using Tensor t = tensor(Doubles(seed, Numel(shape), lo, hi), shape);
        return t.to(dtype);
    }

    public static Tensor Longs(long[] values, params long[] shape) => tensor(values, shape.Length == 0 ? null : shape);

    public static long Numel(long[] shape)
    {
        long n = 1;
        foreach (long s in shape)
        {
            n *= s;
        }

        return n;
    }

    /// <summary>Largest |a - b| over all elements (both converted to float64).</summary>
    public static double MaxAbsDiff(Tensor a, Tensor b)
    {
        Assert.Equal(a.shape, b.shape);
        double[] x = a.data<double>();
        double[] y = b.data<double>();
        double m = 0;
        for (int i = 0; i < x.Length; i++)
        {
            m = Math.Max(m, Math.Abs(x[i] - y[i]));
        }

        return m;
    }
}
