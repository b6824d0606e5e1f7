using System.Diagnostics;
using Trainer.Data.Randomness;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.OuterProduct;

/// <summary>
/// A sweep of count-based outer-product memories over memory sizes d and sample counts T (digest 1.4): Zipf(alpha)
/// inputs over N tokens, labels f*(x) = x mod M, <see cref="Draws"/> independent draws of the samples and of (E, U).
/// </summary>
public sealed record SweepConfig
{
    /// <summary>Input tokens N.</summary>
    public int Inputs { get; init; } = 10_000;

    /// <summary>Classes M.</summary>
    public int Classes { get; init; } = 5;

    /// <summary>Zipf exponent alpha.</summary>
    public double Alpha { get; init; } = 2;

    /// <summary>Memory sizes d.</summary>
    public IReadOnlyList<int> Dims { get; init; } = [20, 40, 80, 160, 320, 640];

    /// <summary>Sample counts T; each draw samples max(T) tokens and uses prefixes, so smaller T are nested.</summary>
    public IReadOnlyList<long> Samples { get; init; } = [1_000_000];

    /// <summary>Independent draws of samples and embeddings.</summary>
    public int Draws { get; init; } = 10;

    /// <summary>Estimators evaluated on every (draw, d, T).</summary>
    public IReadOnlyList<EstimatorSpec> Estimators { get; init; } = EstimatorSpec.Standard;

    public ulong Seed { get; init; } = 1;

    /// <summary>Rows per evaluation chunk.</summary>
    public int Chunk { get; init; } = OuterProductMemory.DefaultChunk;
}

/// <summary>One evaluated memory of a sweep.</summary>
public sealed record SweepPoint(int Dim, long Samples, int Draw, string Estimator, double Error, double ErrorHead, double ErrorTail, double UnseenMass);

/// <summary>All points of a sweep and its wall time.</summary>
public sealed record SweepResult(IReadOnlyList<SweepPoint> Points, double Seconds)
{
    /// <summary>Mean error over draws at (d, T) for an estimator name.</summary>
    public double MeanError(int dim, long samples, string estimator) =>
        Points.Where(p => p.Dim == dim && p.Samples == samples && p.Estimator == estimator).Average(p => p.Error);
}

/// <summary>
/// Runs a <see cref="SweepConfig"/>: per draw, one sample of max(T) tokens (alias table over p) whose prefixes give the
/// counts at every T; per d, one codebook; then the weights q of every (T, estimator) pair are stacked as columns of
/// Q (N, |T| K) and evaluated together (<see cref="OuterProductMemory.Evaluate(MemoryCodebook, Tensor, Tensor, Tensor, int)"/>:
/// one readout GEMM, then one fused native pass that scores row tiles, takes the argmax and sums the weighted errors).
/// Codebooks come from the native ziggurat (<see cref="MemoryCodebook.Random"/>), filled on the BLAS thread count.
/// </summary>
public static class OuterProductSweep
{
    public static SweepResult Run(SweepConfig config)
    {
        var clock = Stopwatch.StartNew();
        double[] p = MemoryTheory.Zipf(config.Inputs, config.Alpha);
        long[] samples = config.Samples.OrderBy(t => t).ToArray();
        var points = new List<SweepPoint>();
        using Tensor labels = arange(config.Inputs, ScalarType.Int64).remainder(config.Classes);
        using Tensor pt = tensor(p);
        for (int draw = 0; draw < config.Draws; draw++)
        {
            int[][] counts = NestedCounts(p, samples, Rng.DeriveSeed(config.Seed, (ulong)draw));
            double[] unseen = counts.Select(c => MemoryTheory.EmpiricalUnseenMass(p, c)).ToArray();
            CountsView[] views = counts.Select((c, t) => new CountsView(c, samples[t])).ToArray();
            foreach (int d in config.Dims)
            {
                using var codebook = MemoryCodebook.Random(config.Inputs, config.Classes, d, Rng.DeriveSeed(config.Seed, $"codebook/{draw}/{d}"));
                using Tensor q = StackWeights(config, views, d);
                MemoryError[] errors = OuterProductMemory.Evaluate(codebook, labels, q, pt, config.Chunk);
                int k = 0;
                for (int t = 0; t < samples.Length; t++)
                {
                    foreach (EstimatorSpec est in config.Estimators)
                    {
                        MemoryError e = errors[k++];
                        points.Add(new SweepPoint(d, samples[t], draw, est.Name, e.Error, e.ErrorHead, e.ErrorTail, unseen[t]));
                    }
                }
            }
        }

        return new SweepResult(points, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Counts n_x after each T in <paramref name="samples"/> (ascending) of one stream of Zipf draws.</summary>
    public static int[][] NestedCounts(double[] p, long[] samples, ulong seed)
    {
        var table = new AliasTable(p);
        var rng = new Rng(seed);
        var counts = new int[p.Length];
        var result = new int[samples.Length][];
        long drawn = 0;
        for (int t = 0; t < samples.Length; t++)
        {
            for (; drawn < samples[t]; drawn++)
            {
                counts[table.Sample(rng)]++;
            }

            result[t] = (int[])counts.Clone();
        }

        return result;
    }

    // Q (N, |T| K) float32: column t K + k holds estimator k's weights at sample count T_t. Weights that do not depend
    // on d are computed once per (draw, T) and cached in the views.
    private static Tensor StackWeights(SweepConfig config, CountsView[] views, int dim)
    {
        int n = config.Inputs, cols = views.Length * config.Estimators.Count;
        var q = new float[n * cols];
        int col = 0;
        foreach (CountsView view in views)
        {
            for (int k = 0; k < config.Estimators.Count; k++)
            {
                double[] w = view.Weights(config.Estimators[k], k, dim, config.Classes);
                for (int x = 0; x < n; x++)
                {
                    q[x * cols + col] = (float)w[x];
                }

                col++;
            }
        }

        return tensor(q, new long[] { n, cols });
    }

    // The counts after T samples, with the weights of d-independent estimators cached.
    private sealed class CountsView(int[] counts, long samples)
    {
        private readonly Dictionary<int, double[]> _cache = new();

        public double[] Weights(EstimatorSpec spec, int index, int dim, int classes)
        {
            if (spec.Kind == EstimatorKind.Threshold)
            {
                return spec.Weights(counts, samples, dim, classes);
            }

            if (!_cache.TryGetValue(index, out double[]? w))
            {
                w = spec.Weights(counts, samples, dim, classes);
                _cache[index] = w;
            }

            return w;
        }
    }
}
