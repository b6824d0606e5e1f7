using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Gpt;

/// <summary>
/// The association of a modern Hopfield network (Ramsauer et al., "Hopfield Networks is All You Need", eq. 3) used as
/// an attention: state patterns xi (the queries) retrieve from stored patterns K (the keys). Each update step is
/// <code>
///   xi &lt;- softmax(beta xi K^T + M) K
/// </code>
/// and after <c>steps - 1</c> updates the result is read out through the pattern projection V (the values):
/// <code>
///   Z = softmax(beta xi K^T + M) V
/// </code>
/// with M = -inf where a key is not allowed (the causal mask). One step with beta = 1/sqrt(d) is exactly scaled
/// dot-product attention.
/// </summary>
public static class HopfieldAssociation
{
    /// <summary>
    /// xi (..., L, d), K (..., S, d), V (..., S, dv) -> (..., L, dv). <paramref name="allowed"/> is a boolean mask
    /// broadcastable to (..., L, S), true where state i may look at stored pattern j; null means every pair.
    /// Dropout with probability <paramref name="dropoutP"/> is applied to the final association weights only.
    /// </summary>
    public static Tensor Associate(Tensor xi, Tensor k, Tensor v, double beta, int steps, Tensor? allowed = null,
        double dropoutP = 0)
    {
        if (steps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "hopfield update steps must be >= 1");
        }

        using DisposeScope scope = NewDisposeScope();
        Tensor? blocked = allowed?.logical_not();
        Tensor state = xi;
        for (int s = 1; s < steps; s++)
        {
            state = Weights(state, k, beta, blocked).matmul(k); // (..., L, d)
        }

        Tensor a = Weights(state, k, beta, blocked); // (..., L, S)
        if (dropoutP > 0)
        {
            a = nn.functional.dropout(a, dropoutP, training: true);
        }

        return scope.MoveToOuter(a.matmul(v)); // (..., L, dv)
    }

    /// <summary>The association weights softmax(beta xi K^T + M) over the stored patterns, (..., L, S).</summary>
    public static Tensor Weights(Tensor xi, Tensor k, double beta, Tensor? blocked)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor scores = xi.matmul(k.mT) * beta; // (..., L, S)
        if (blocked is not null)
        {
            scores = scores.masked_fill(blocked, double.NegativeInfinity);
        }

        return scope.MoveToOuter(scores.softmax(-1));
    }

    /// <summary>The causal mask of L states over S stored patterns: true where j &lt;= i.</summary>
    public static Tensor CausalAllowed(long l, long s, Device? device = null)
    {
        using Tensor ones = torch.ones(new[] { l, s }, ScalarType.Bool, device);
        return ones.tril();
    }
}
