using Trainer.Data.Patterns;
using Trainer.Data.Randomness;
using Trainer.Models.Hopfield.Theory;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Training.Experiments.DenseCapacity;

/// <summary>
/// Measurements of the dense-associative-memory experiments, on libtorch. The one-step criterion of the digest
/// (2.2) is that the target's softmax weight at the query exceeds 1/2:
/// <code>
///   lambda x . xi^target - logsumexp_mu(lambda x . xi^mu) &gt; ln 1/2
/// </code>
/// The score matrix x . xi^mu (queries x P) is computed once per chunk and evaluated for every lambda, so a whole
/// lambda grid costs one pass over the memory.
/// </summary>
public static class DamMeasure
{
    /// <summary>Upper bound on queries x patterns per score chunk (16M floats).</summary>
    public const long MaxScoresPerChunk = 16L << 20;

    /// <summary>Data-side pattern kind of an ensemble.</summary>
    public static PatternKind KindOf(PatternEnsemble e) => e == PatternEnsemble.Gaussian ? PatternKind.Gaussian : PatternKind.Spherical;

    /// <summary>P random patterns (P, N) float32, deterministic in (seed, ensemble, N, P, rep).</summary>
    public static Tensor Patterns(PatternEnsemble ensemble, long count, int dim, ulong seed, int rep)
    {
        ulong s = Rng.DeriveSeed(seed, $"dam/{ensemble}/{dim}/{count}/{rep}");
        float[] data = PatternSets.Generate(KindOf(ensemble), checked((int)count), dim, s, threads: 0);
        return tensor(data, new long[] { count, dim });
    }

    /// <summary>
    /// For each lambda, how many queries (B, N) give their target row of <paramref name="patterns"/> (P, N) a softmax
    /// weight above 1/2.
    /// </summary>
    public static long[] OneStepSuccesses(Tensor patterns, Tensor queries, long[] targets, IReadOnlyList<double> lambdas)
    {
        var counts = new long[lambdas.Count];
        long p = patterns.size(0);
        long rows = Math.Max(1, MaxScoresPerChunk / p);
        using var _ = no_grad();
        for (long s = 0; s < queries.size(0); s += rows)
        {
            using var scope = NewDisposeScope();
            long n = Math.Min(rows, queries.size(0) - s);
            Tensor q = queries.narrow(0, s, n);
            Tensor scores = q.matmul(patterns.T);                                     // (n, P)
            Tensor idx = tensor(targets.Skip((int)s).Take((int)n).ToArray(), new long[] { n, 1 });
            Tensor self = scores.gather(1, idx).squeeze(1);                            // (n)
            for (int l = 0; l < lambdas.Count; l++)
            {
                double lam = lambdas[l];
                Tensor margin = (self * lam) - (scores * lam).logsumexp(1);            // log weight of the target
                counts[l] += (margin > Math.Log(0.5)).sum().item<long>();
            }
        }

        return counts;
    }

    /// <summary>One-step successes from the first <paramref name="count"/> stored patterns themselves.</summary>
    public static long[] OneStepFromPatterns(Tensor patterns, int count, IReadOnlyList<double> lambdas)
    {
        using Tensor q = patterns.narrow(0, 0, count);
        long[] targets = Enumerable.Range(0, count).Select(i => (long)i).ToArray();
        return OneStepSuccesses(patterns, q, targets, lambdas);
    }

    /// <summary>Noisy queries at overlap rho0 with uniformly chosen targets (x0 = rho0 xi + sqrt(1 - rho0^2) z, ||x0||^2 = N).</summary>
    public static (Tensor Queries, long[] Targets) NoisyQueries(Tensor patterns, float[] patternData, int count, double overlap, ulong seed)
    {
        int p = (int)patterns.size(0), n = (int)patterns.size(1);
        int[] targets = global::Trainer.Data.Patterns.NoisyQueries.ChooseIndices(p, count, seed);
        float[] q = global::Trainer.Data.Patterns.NoisyQueries.Generate(patternData, n, targets, overlap, orthogonalize: true, seed, threads: 0);
        return (tensor(q, new long[] { count, n }), targets.Select(t => (long)t).ToArray());
    }

    /// <summary>
    /// Linear interpolation of the first downward crossing of <paramref name="level"/> in (x, y) sorted by x: NaN when y
    /// never reaches the level from above (all below, or all above: see <paramref name="side"/>).
    /// </summary>
    public static double Crossing(IReadOnlyList<(double X, double Y)> points, double level, out CrossingSide side)
    {
        side = CrossingSide.Inside;
        if (points.Count == 0)
        {
            side = CrossingSide.Empty;
            return double.NaN;
        }

        if (points[0].Y < level)
        {
            side = CrossingSide.BelowRange;
            return double.NaN;
        }

        for (int i = 1; i < points.Count; i++)
        {
            var (x0, y0) = points[i - 1];
            var (x1, y1) = points[i];
            if (y0 >= level && y1 < level)
            {
                return x0 + ((y0 - level) / (y0 - y1) * (x1 - x0));
            }
        }

        side = CrossingSide.AboveRange;
        return double.NaN;
    }
}

/// <summary>Where a curve's crossing lies relative to the measured range.</summary>
public enum CrossingSide
{
    Inside,
    BelowRange,
    AboveRange,
    Empty,
}
