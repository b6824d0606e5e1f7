using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Hopfield.Retrieval;

/// <summary>
/// When does a state count as having retrieved its target pattern xi^mu (paper digest 2.2)? Two criteria, each
/// returning a bool per state (B):
/// <list type="bullet">
/// <item>self-weight: p_mu(x) &gt; 1/2, where p = normalizer(beta X^T x) at the final state x, i.e. the target
///   dominates the mixture;</item>
/// <item>distance: ||x - xi^mu|| / sqrt(N) &lt; tol (N = pattern dimension).</item>
/// </list>
/// </summary>
public static class RetrievalCriteria
{
    /// <summary>The weight of each state's target pattern, (B): weights (B, M) gathered at targets (B, int64).</summary>
    public static Tensor SelfWeight(Tensor weights, Tensor targets)
    {
        using Tensor idx = targets.view(-1, 1);
        using Tensor w = weights.gather(1, idx);
        return w.squeeze(1);
    }

    /// <summary>True where the target's weight exceeds <paramref name="threshold"/> (1/2 by default), (B) bool.</summary>
    public static Tensor BySelfWeight(Tensor weights, Tensor targets, double threshold = 0.5)
    {
        using Tensor w = SelfWeight(weights, targets);
        return w > threshold;
    }

    /// <summary>
    /// Self-weight criterion evaluated at the final states: p = normalizer(beta X^T x) recomputed there, (B) bool.
    /// </summary>
    public static Tensor BySelfWeight(Tensor patterns, Tensor states, Tensor targets, double beta,
        NormalizerKind normalizer = NormalizerKind.Softmax, double threshold = 0.5)
    {
        using Tensor p = HopfieldRetrieval.Weights(patterns, states, beta, normalizer);
        return BySelfWeight(p, targets, threshold);
    }

    /// <summary>||x - xi^target|| / sqrt(N) per state, (B); patterns (M, N), states (B, N).</summary>
    public static Tensor ScaledDistance(Tensor patterns, Tensor states, Tensor targets)
    {
        using var scope = NewDisposeScope();
        Tensor target = patterns.index_select(0, targets.view(-1));
        Tensor d = (states - target).norm(2, 1) / Math.Sqrt(states.size(1));
        return scope.MoveToOuter(d);
    }

    /// <summary>True where ||x - xi^target|| / sqrt(N) &lt; <paramref name="tol"/>, (B) bool.</summary>
    public static Tensor ByDistance(Tensor patterns, Tensor states, Tensor targets, double tol)
    {
        using Tensor d = ScaledDistance(patterns, states, targets);
        return d < tol;
    }

    /// <summary>Fraction of true entries of a bool vector.</summary>
    public static double Rate(Tensor success)
    {
        using Tensor f = success.to(ScalarType.Float64);
        using Tensor m = f.mean();
        return m.item<double>();
    }
}
