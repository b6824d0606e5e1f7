using Trainer.Models.Hopfield.Retrieval;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Kernelized;

/// <summary>
/// Retrieval of the kernelized Hopfield model (Hu, Wu and Liu, NeurIPS 2024; paper digest 5.1). Memories Xi are rows
/// (M, d), queries x rows (B, d):
/// <code>
///   T_Phi(x) = Xi^T normalizer(beta Phi(Xi) Phi(x))      (rows: p = normalizer(beta Phi(x) Phi(Xi)^T), x_new = p Xi)
/// </code>
/// iterated (CCCP) a fixed number of times, as the authors' <c>kernelized_cccp</c>. Features are put on the unit
/// sphere first (<c>normalizeFeatures</c>, the paper's setting); without it the raw Phi(x) are used.
/// </summary>
public static class KernelizedRetrieval
{
    /// <summary>Weights p (B, M) for queries (B, d).</summary>
    public static Tensor Weights(FeatureMap phi, Tensor memories, Tensor queries, double beta,
        NormalizerKind normalizer = NormalizerKind.Softmax, bool normalizeFeatures = true)
    {
        using var scope = NewDisposeScope();
        Tensor fm = normalizeFeatures ? phi.Features(memories) : phi.forward(memories);   // (M, D)
        Tensor fq = normalizeFeatures ? phi.Features(queries) : phi.forward(queries);     // (B, D)
        Tensor p = Normalizers.Apply(fq.matmul(fm.T) * beta, normalizer);
        return scope.MoveToOuter(p);
    }

    /// <summary>One update T_Phi(x), (B, d).</summary>
    public static Tensor Step(FeatureMap phi, Tensor memories, Tensor queries, double beta,
        NormalizerKind normalizer = NormalizerKind.Softmax, bool normalizeFeatures = true)
    {
        using Tensor p = Weights(phi, memories, queries, beta, normalizer, normalizeFeatures);
        return p.matmul(memories);
    }

    /// <summary>
    /// <paramref name="steps"/> updates; returns the final states and the weights of the last update (those that
    /// produced the states, which is what the metastable-state sizes count).
    /// </summary>
    public static RetrievalResult Retrieve(FeatureMap phi, Tensor memories, Tensor queries, double beta, int steps,
        NormalizerKind normalizer = NormalizerKind.Softmax, bool normalizeFeatures = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        Tensor x = queries.alias();
        Tensor? p = null;
        for (int t = 0; t < steps; t++)
        {
            using var scope = NewDisposeScope();
            Tensor w = Weights(phi, memories, x, beta, normalizer, normalizeFeatures);
            Tensor next = w.matmul(memories);
            x.Dispose();
            p?.Dispose();
            x = scope.MoveToOuter(next);
            p = scope.MoveToOuter(w);
        }

        return new RetrievalResult(x, p!, steps, Converged: false, Energies: null);
    }
}
