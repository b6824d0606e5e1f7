using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Hopfield.Retrieval;

/// <summary>
/// The retrieval core of modern Hopfield networks ("Hopfield Networks is All You Need", Ramsauer et al., ICLR 2021),
/// as pure functions over tensors. Stored patterns are the rows of X, shape (M, d) (or (B, M, d): one memory per
/// state); states xi are rows, shape (B, d). In the paper's column notation (X = [x_1 .. x_M] of shape (d, M)):
/// <code>
///   update    xi_new = X p,   p = normalizer(beta X^T xi)                      (CCCP step; softmax: eq. 3)
///   energy    E(xi)  = -lse(beta, X^T xi) + 1/2 xi^T xi   [+ beta^-1 ln M + 1/2 m^2]
///             lse(beta, z) = beta^-1 log sum_i exp(beta z_i),   m = max_i ||x_i||
/// </code>
/// The bracketed constants are Ramsauer et al.'s, which make 0 &lt;= E &lt;= 2 m^2; they do not depend on xi and are
/// added only when asked (<c>includeConstants</c>). With softmax each update is a CCCP step, so E never increases
/// along the trajectory. Everything is batched, runs under the caller's autograd mode, and uses log-sum-exp and
/// max-subtracted normalisers, so large beta does not overflow.
/// </summary>
public static class HopfieldRetrieval
{
    /// <summary>Scores X^T xi per state: (B, d) x (M, d) -> (B, M), or (B, d) x (B, M, d) -> (B, M).</summary>
    public static Tensor Scores(Tensor patterns, Tensor state)
    {
        CheckShapes(patterns, state);
        if (patterns.ndim == 2)
        {
            return state.matmul(patterns.T);                                   // (B, M)
        }

        using Tensor q = state.unsqueeze(1);                                  // (B, 1, d)
        using Tensor kt = patterns.transpose(1, 2);                           // (B, d, M)
        using Tensor s = q.bmm(kt);                                           // (B, 1, M)
        return s.squeeze(1);
    }

    /// <summary>Weights p = normalizer(beta X^T xi), (B, M).</summary>
    public static Tensor Weights(Tensor patterns, Tensor state, double beta, NormalizerKind normalizer = NormalizerKind.Softmax)
    {
        using var scope = NewDisposeScope();
        Tensor p = Normalizers.Apply(Scores(patterns, state) * beta, normalizer);
        return scope.MoveToOuter(p);
    }

    /// <summary>Mixes stored patterns with weights p (B, M): X^T p per state, (B, d).</summary>
    public static Tensor Mix(Tensor patterns, Tensor weights)
    {
        if (patterns.ndim == 2)
        {
            return weights.matmul(patterns);                                   // (B, M) x (M, d)
        }

        using Tensor w = weights.unsqueeze(1);                                // (B, 1, M)
        using Tensor r = w.bmm(patterns);                                     // (B, 1, d)
        return r.squeeze(1);
    }

    /// <summary>One update xi_new = X normalizer(beta X^T xi), (B, d).</summary>
    public static Tensor Step(Tensor patterns, Tensor state, double beta, NormalizerKind normalizer = NormalizerKind.Softmax)
    {
        using Tensor p = Weights(patterns, state, beta, normalizer);
        return Mix(patterns, p);
    }

    /// <summary>
    /// Iterates <see cref="Step"/> from <paramref name="state"/> until every state moved by less than
    /// <paramref name="eps"/> (Euclidean norm of xi_new - xi) or <paramref name="maxSteps"/> updates were made.
    /// With <paramref name="trackEnergy"/> the energy of every visited state is recorded (maxSteps + 1 at most).
    /// </summary>
    public static RetrievalResult Retrieve(Tensor patterns, Tensor state, double beta, int maxSteps = 100, double eps = 1e-6,
        NormalizerKind normalizer = NormalizerKind.Softmax, bool trackEnergy = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxSteps);
        var energies = new List<Tensor>();
        Tensor xi = state.alias();
        Tensor? weights = null;
        int steps = 0;
        bool converged = false;
        if (trackEnergy)
        {
            energies.Add(Energy(patterns, xi, beta));
        }

        while (steps < maxSteps && !converged)
        {
            using var scope = NewDisposeScope();
            Tensor p = Weights(patterns, xi, beta, normalizer);
            Tensor next = Mix(patterns, p);
            double moved = (next - xi).norm(2, 1).max().item<double>();
            converged = moved < eps;
            xi.Dispose();
            weights?.Dispose();
            xi = scope.MoveToOuter(next);
            weights = scope.MoveToOuter(p);
            steps++;
            if (trackEnergy)
            {
                energies.Add(scope.MoveToOuter(Energy(patterns, xi, beta)));
            }
        }

        weights ??= Weights(patterns, xi, beta, normalizer);
        Tensor? trajectory = null;
        if (trackEnergy)
        {
            trajectory = stack(energies, 1);                                  // (B, steps + 1)
            energies.ForEach(e => e.Dispose());
        }

        return new RetrievalResult(xi, weights, steps, converged, trajectory);
    }

    /// <summary>lse(beta, z) = beta^-1 log sum_i exp(beta z_i) over the last dimension (stable).</summary>
    public static Tensor Lse(Tensor z, double beta)
    {
        using Tensor scaled = z * beta;
        using Tensor l = scaled.logsumexp(-1);
        return l / beta;
    }

    /// <summary>
    /// E(xi) = -lse(beta, X^T xi) + 1/2 ||xi||^2 per state, (B); with <paramref name="includeConstants"/> plus
    /// beta^-1 ln M + 1/2 max_i ||x_i||^2 (Ramsauer et al.'s constants, for a 2-D memory only).
    /// </summary>
    public static Tensor Energy(Tensor patterns, Tensor state, double beta, bool includeConstants = false)
    {
        using var scope = NewDisposeScope();
        Tensor e = -Lse(Scores(patterns, state), beta) + 0.5 * state.square().sum(-1);
        if (includeConstants)
        {
            long m = patterns.size(-2);
            double maxNorm2 = patterns.square().sum(-1).max().item<double>();
            e = e + (Math.Log(m) / beta + 0.5 * maxNorm2);
        }

        return scope.MoveToOuter(e);
    }

    /// <summary>
    /// Energies along a fixed number of updates, (B, steps + 1): column t is E after t updates (no early stop).
    /// </summary>
    public static Tensor EnergyTrajectory(Tensor patterns, Tensor state, double beta, int steps,
        NormalizerKind normalizer = NormalizerKind.Softmax)
    {
        using RetrievalResult r = Retrieve(patterns, state, beta, steps, eps: -1, normalizer, trackEnergy: true);
        return r.Energies!.alias();
    }

    private static void CheckShapes(Tensor patterns, Tensor state)
    {
        if (state.ndim != 2 || (patterns.ndim != 2 && patterns.ndim != 3) || patterns.size(-1) != state.size(-1) ||
            (patterns.ndim == 3 && patterns.size(0) != state.size(0)))
        {
            throw new ArgumentException(
                $"patterns must be (M, d) or (B, M, d) and states (B, d) with the same d; got [{string.Join(", ", patterns.shape)}] and [{string.Join(", ", state.shape)}]");
        }
    }
}
