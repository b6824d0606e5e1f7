namespace Trainer.Torch.Tests.Optim;

/// <summary>
/// Seeded test data made in C#: libtorch's global generator is shared by tests running in parallel, so
/// <c>manual_seed</c> + <c>randn</c> cannot promise the same draws to two runs that must see the same gradients.
/// </summary>
internal static class TestRandom
{
    /// <summary>Standard normal float32 values (Box-Muller over a seeded System.Random).</summary>
    public static Tensor Randn(int seed, params long[] shape)
    {
        var rng = new Random(seed);
        long n = shape.Aggregate(1L, (a, b) => a * b);
        var data = new float[n];
        for (long i = 0; i < n; i++)
        {
            double u = 1.0 - rng.NextDouble(), v = rng.NextDouble();
            data[i] = (float)(Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v));
        }

        return torch.tensor(data, shape);
    }

    /// <summary>Integers uniform in [0, high).</summary>
    public static Tensor Randint(int seed, long high, params long[] shape)
    {
        var rng = new Random(seed);
        long n = shape.Aggregate(1L, (a, b) => a * b);
        var data = new long[n];
        for (long i = 0; i < n; i++)
        {
            data[i] = rng.NextInt64(high);
        }

        return torch.tensor(data, shape);
    }
}
