using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Hopfield.Retrieval;

/// <summary>
/// Noisy-query helpers for basins of attraction (paper digest 2.2): a query at overlap rho0 with pattern xi is
/// x0 = rho0 xi + sqrt(1 - rho0^2) z, renormalised to ||x0||^2 = N (z orthogonal to xi and of norm ||xi|| when
/// orthogonalised, so cos(x0, xi) = rho0 exactly). The queries are drawn by <see cref="NoisyQueries"/> in pure .NET,
/// so the same seed gives the same queries everywhere.
/// </summary>
public static class Basins
{
    /// <summary>Queries (B, N) float32 from the rows <paramref name="targets"/> of <paramref name="patterns"/> (M, N).</summary>
    public static Tensor NoisyQueries(Tensor patterns, int[] targets, double overlap, ulong seed, bool orthogonalize = true)
    {
        using Tensor cpu = patterns.detach().to(ScalarType.Float32, Device.CPU).contiguous();
        float[] flat = cpu.data<float>();
        int n = (int)patterns.size(1);
        float[] q = global::Trainer.Data.Patterns.NoisyQueries.Generate(flat, n, targets, overlap, orthogonalize, seed, threads: 1);
        using Tensor t = tensor(q, new long[] { targets.Length, n });
        return t.to(patterns.dtype, patterns.device);
    }

    /// <summary>Overlaps x . xi^target / N per query, (B).</summary>
    public static Tensor Overlap(Tensor patterns, Tensor states, Tensor targets)
    {
        using var scope = NewDisposeScope();
        Tensor target = patterns.index_select(0, targets.view(-1));
        Tensor o = (states * target).sum(1) / (double)states.size(1);
        return scope.MoveToOuter(o);
    }

    /// <summary>
    /// One-step basin test: from each query, one update with the given normaliser; true where the target's weight in
    /// that update exceeds 1/2 (the self-weight criterion of the digest's one-step analysis), (B) bool.
    /// </summary>
    public static Tensor OneStep(Tensor patterns, Tensor queries, Tensor targets, double beta,
        NormalizerKind normalizer = NormalizerKind.Softmax)
    {
        using Tensor p = HopfieldRetrieval.Weights(patterns, queries, beta, normalizer);
        return RetrievalCriteria.BySelfWeight(p, targets);
    }
}
