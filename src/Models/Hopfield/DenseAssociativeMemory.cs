using Trainer.Data.Patterns;
using Trainer.Models.Hopfield.Retrieval;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Hopfield;

/// <summary>
/// Dense associative memory experiments ("The Exponential Capacity of Dense Associative Memories", Lucibello and
/// Mezard, PRL 2024; paper digest 2.1-2.2): P stored patterns xi^mu in R^N (rows, (P, N)), LSE energy
/// E(x) = -(1/lambda) log sum_mu exp(lambda xi^mu . x) + 1/2 ||x||^2 with lambda on the raw dot product (x . xi ~ N
/// when aligned, so lambda = O(1); the attention regime is lambda = beta / sqrt(N)), and the CCCP update
/// x &lt;- sum_mu xi^mu softmax_mu(lambda xi^mu . x) iterated to a fixed point. Queries are processed in chunks so
/// that a chunk's score matrix holds at most <see cref="MaxScoresPerChunk"/> entries (P can be e^(alpha N)).
/// </summary>
public sealed class DenseAssociativeMemory : IDisposable
{
    /// <summary>Upper bound on queries x patterns per chunk (16M floats = 64 MB of scores).</summary>
    public const long MaxScoresPerChunk = 16L << 20;

    /// <summary>Takes ownership of <paramref name="patterns"/> (P, N).</summary>
    public DenseAssociativeMemory(Tensor patterns, double lambda)
    {
        if (patterns.ndim != 2)
        {
            throw new ArgumentException($"patterns must be (P, N), got [{string.Join(", ", patterns.shape)}]", nameof(patterns));
        }

        Patterns = DisposeScope.Detach(patterns);
        Lambda = lambda;
    }

    /// <summary>Stored patterns (P, N).</summary>
    public Tensor Patterns { get; }

    /// <summary>Inverse temperature on the raw dot product.</summary>
    public double Lambda { get; }

    public long Count => Patterns.size(0);

    public int Dim => (int)Patterns.size(1);

    /// <summary>P random patterns of <paramref name="kind"/> from <see cref="PatternSets"/> (deterministic in the seed).</summary>
    public static DenseAssociativeMemory Random(PatternKind kind, int count, int dim, double lambda, ulong seed)
    {
        float[] data = PatternSets.Generate(kind, count, dim, seed, threads: 1);
        return new DenseAssociativeMemory(tensor(data, new long[] { count, dim }), lambda);
    }

    /// <summary>E(x) per state, (B).</summary>
    public Tensor Energy(Tensor states) => HopfieldRetrieval.Energy(Patterns, states, Lambda);

    /// <summary>Iterates the update from <paramref name="queries"/> (B, N), chunked; returns final states (B, N) and steps per chunk.</summary>
    public (Tensor states, int maxSteps) Retrieve(Tensor queries, int maxSteps = 100, double eps = 1e-4)
    {
        var parts = new List<Tensor>();
        int steps = 0;
        using (no_grad())
        {
            foreach (Tensor chunk in Chunks(queries))
            {
                using RetrievalResult r = HopfieldRetrieval.Retrieve(Patterns, chunk, Lambda, maxSteps, eps);
                parts.Add(r.State.alias());
                steps = Math.Max(steps, r.Steps);
                chunk.Dispose();
            }
        }

        Tensor all = cat(parts, 0);
        parts.ForEach(p => p.Dispose());
        return (all, steps);
    }

    /// <summary>
    /// Retrieval from the queries towards their targets: iterate to a fixed point, then score both criteria
    /// (self-weight &gt; 1/2 at the fixed point; ||x* - xi|| / sqrt(N) &lt; <paramref name="distanceTol"/>).
    /// </summary>
    public DenseRetrievalReport Evaluate(Tensor queries, int[] targets, int maxSteps = 100, double eps = 1e-4, double distanceTol = 0.1)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Tensor t = tensor(targets.Select(i => (long)i).ToArray(), new long[] { targets.Length });
        var (states, steps) = Retrieve(queries, maxSteps, eps);
        Tensor selfOk = SelfWeightAt(states, t);
        Tensor distOk = RetrievalCriteria.ByDistance(Patterns, states, t, distanceTol);
        double start = Basins.Overlap(Patterns, queries, t).mean().item<double>();
        double end = Basins.Overlap(Patterns, states, t).mean().item<double>();
        return new DenseRetrievalReport(targets.Length, RetrievalCriteria.Rate(selfOk), RetrievalCriteria.Rate(distOk), start, end, steps);
    }

    /// <summary>Retrieval started at the stored patterns themselves (the alpha_1 criterion), for <paramref name="count"/> of them.</summary>
    public DenseRetrievalReport EvaluateFromPatterns(int count, int maxSteps = 100, double eps = 1e-4, double distanceTol = 0.1)
    {
        int n = (int)Math.Min(count, Count);
        int[] targets = Enumerable.Range(0, n).ToArray();
        using Tensor q = Patterns.narrow(0, 0, n);
        return Evaluate(q, targets, maxSteps, eps, distanceTol);
    }

    /// <summary>Retrieval from noisy queries at overlap rho0 with uniformly chosen targets.</summary>
    public DenseRetrievalReport EvaluateNoisy(int queries, double overlap, ulong seed, int maxSteps = 100, double eps = 1e-4,
        double distanceTol = 0.1)
    {
        int[] targets = NoisyQueries.ChooseIndices((int)Count, queries, seed);
        using Tensor q = Basins.NoisyQueries(Patterns, targets, overlap, seed);
        return Evaluate(q, targets, maxSteps, eps, distanceTol);
    }

    /// <summary>One-step basin rate: fraction of noisy queries at overlap rho0 whose target weight after one update exceeds 1/2.</summary>
    public double OneStepBasinRate(int queries, double overlap, ulong seed)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        int[] targets = NoisyQueries.ChooseIndices((int)Count, queries, seed);
        Tensor q = Basins.NoisyQueries(Patterns, targets, overlap, seed);
        Tensor t = tensor(targets.Select(i => (long)i).ToArray(), new long[] { targets.Length });
        return RetrievalCriteria.Rate(SelfWeightAt(q, t));
    }

    private Tensor SelfWeightAt(Tensor states, Tensor targets)
    {
        var parts = new List<Tensor>();
        long rows = ChunkRows();
        for (long s = 0; s < states.size(0); s += rows)
        {
            long n = Math.Min(rows, states.size(0) - s);
            using Tensor x = states.narrow(0, s, n);
            using Tensor t = targets.narrow(0, s, n);
            parts.Add(RetrievalCriteria.BySelfWeight(Patterns, x, t, Lambda));
        }

        Tensor all = cat(parts, 0);
        parts.ForEach(p => p.Dispose());
        return all;
    }

    private IEnumerable<Tensor> Chunks(Tensor queries)
    {
        long rows = ChunkRows();
        for (long s = 0; s < queries.size(0); s += rows)
        {
            yield return queries.narrow(0, s, Math.Min(rows, queries.size(0) - s));
        }
    }

    private long ChunkRows() => Math.Max(1, MaxScoresPerChunk / Math.Max(1, Count));

    public override string ToString() => $"DenseAssociativeMemory(patterns={Count}, dim={Dim}, lambda={Lambda})";

    public void Dispose() => Patterns.Dispose();
}

/// <summary>
/// Summary of a retrieval run: query count, success rates by self-weight (&gt; 1/2 at the fixed point) and by distance
/// (||x* - xi|| / sqrt(N) &lt; tol), mean overlap x . xi / N at the start and at the end, and the largest number of
/// updates any chunk needed.
/// </summary>
public sealed record DenseRetrievalReport(int Queries, double SelfWeightRate, double DistanceRate, double StartOverlap,
    double FinalOverlap, int Steps);
