using Trainer.Models.Hopfield.Retrieval;
using Trainer.Models.Hopfield.Theory;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Probabilistic;

/// <summary>
/// Dense associative memory as a Gaussian kernel density ("Bridging Associative Memory and Probabilistic Modeling",
/// Schaeffer et al., 2024; paper digest 4.1 and 4.3). Stored patterns xi_k are rows (K, d), states x rows (B, d):
/// <code>
///   energy     E(x) = -(1/beta) log sum_k exp(-(beta/2) ||x - xi_k||^2)
///   density    KDE(x) = (1/K) sum_k N(x; xi_k, beta^-1 I),   so  beta E(x) = -log KDE(x) - log K - (d/2) log(2 pi / beta)
///   retrieval  x &lt;- sum_k softmax_k(-(beta/2) ||x - xi_k||^2) xi_k        (mean-shift: a fixed point is a mode)
/// </code>
/// Mean-shift never lowers the density, so E never increases along the iteration. On a sphere (||x|| = ||xi_k||)
/// the weights equal softmax_k(beta x . xi_k): the LSE update of the dense associative memory with lambda = beta.
/// Capacity: xi_k counts as stored when the fixed point reached from xi_k stays within eps sqrt(d) of it; for
/// patterns with ||xi||^2 = d the one-step theory gives N_max ~ exp(d alpha_1^S(beta)).
/// </summary>
public static class GaussianKdeMemory
{
    /// <summary>Upper bound on states x patterns per chunk in <see cref="StoredMask"/>.</summary>
    public const long MaxScoresPerChunk = 16L << 20;

    /// <summary>-(beta/2) ||x - xi_k||^2, (B, K).</summary>
    public static Tensor Scores(Tensor patterns, Tensor states, double beta)
    {
        using var scope = NewDisposeScope();
        Tensor d2 = (states.square().sum(1, keepdim: true) - 2 * states.matmul(patterns.T) + patterns.square().sum(1).unsqueeze(0))
            .clamp_min(0);                                                    // ||x - xi_k||^2, (B, K)
        return scope.MoveToOuter(d2 * (-beta / 2));
    }

    /// <summary>Mean-shift weights softmax_k(-(beta/2) ||x - xi_k||^2), (B, K).</summary>
    public static Tensor Weights(Tensor patterns, Tensor states, double beta)
    {
        using Tensor s = Scores(patterns, states, beta);
        return s.softmax(1);
    }

    /// <summary>One mean-shift step, (B, d).</summary>
    public static Tensor Step(Tensor patterns, Tensor states, double beta)
    {
        using Tensor p = Weights(patterns, states, beta);
        return p.matmul(patterns);
    }

    /// <summary>E(x) = -(1/beta) log sum_k exp(-(beta/2) ||x - xi_k||^2), (B).</summary>
    public static Tensor Energy(Tensor patterns, Tensor states, double beta)
    {
        using Tensor s = Scores(patterns, states, beta);
        using Tensor l = s.logsumexp(1);
        return l * (-1 / beta);
    }

    /// <summary>log KDE(x) with bandwidth sigma^2 = 1/beta, (B).</summary>
    public static Tensor LogDensity(Tensor patterns, Tensor states, double beta)
    {
        long k = patterns.size(0), d = patterns.size(1);
        using Tensor s = Scores(patterns, states, beta);
        using Tensor l = s.logsumexp(1);
        return l - (Math.Log(k) + 0.5 * d * Math.Log(2 * Math.PI / beta));
    }

    /// <summary>Mean-shift until every state moves less than eps (or maxSteps), optionally tracking E.</summary>
    public static RetrievalResult Retrieve(Tensor patterns, Tensor states, double beta, int maxSteps = 100, double eps = 1e-6,
        bool trackEnergy = false)
    {
        var energies = new List<Tensor>();
        Tensor x = states.alias();
        Tensor? w = null;
        int steps = 0;
        bool converged = false;
        if (trackEnergy)
        {
            energies.Add(Energy(patterns, x, beta));
        }

        while (steps < maxSteps && !converged)
        {
            using var scope = NewDisposeScope();
            Tensor p = Weights(patterns, x, beta);
            Tensor next = p.matmul(patterns);
            converged = (next - x).norm(2, 1).max().item<double>() < eps;
            x.Dispose();
            w?.Dispose();
            x = scope.MoveToOuter(next);
            w = scope.MoveToOuter(p);
            steps++;
            if (trackEnergy)
            {
                energies.Add(scope.MoveToOuter(Energy(patterns, x, beta)));
            }
        }

        w ??= Weights(patterns, x, beta);
        Tensor? trajectory = trackEnergy ? stack(energies, 1) : null;
        energies.ForEach(e => e.Dispose());
        return new RetrievalResult(x, w, steps, converged, trajectory);
    }

    /// <summary>
    /// Which patterns are stored: mean-shift from each xi_k to its fixed point x*, stored iff
    /// ||x* - xi_k|| &lt; eps sqrt(d); (K) bool. States are processed in chunks.
    /// </summary>
    public static Tensor StoredMask(Tensor patterns, double beta, double eps = 0.1, int maxSteps = 100, double tol = 1e-5)
    {
        using var _ = no_grad();
        long k = patterns.size(0), d = patterns.size(1);
        long rows = Math.Max(1, MaxScoresPerChunk / Math.Max(1, k));
        var parts = new List<Tensor>();
        for (long s = 0; s < k; s += rows)
        {
            using var scope = NewDisposeScope();
            Tensor start = patterns.narrow(0, s, Math.Min(rows, k - s));
            using RetrievalResult r = Retrieve(patterns, start, beta, maxSteps, tol);
            Tensor ok = (r.State - start).norm(2, 1) < eps * Math.Sqrt(d);
            parts.Add(scope.MoveToOuter(ok));
        }

        Tensor all = cat(parts, 0);
        parts.ForEach(p => p.Dispose());
        return all;
    }

    /// <summary>Fraction of stored patterns (see <see cref="StoredMask"/>).</summary>
    public static double StoredFraction(Tensor patterns, double beta, double eps = 0.1, int maxSteps = 100)
    {
        using Tensor mask = StoredMask(patterns, beta, eps, maxSteps);
        return RetrievalCriteria.Rate(mask);
    }

    /// <summary>
    /// One-step theory for patterns with ||xi||^2 = d (digest 4.3): N_max ~ exp(d alpha_1^S(beta)), since on that
    /// sphere the kernel weights are softmax(beta x . xi) with lambda = beta = 1 / sigma^2.
    /// </summary>
    public static double TheoreticalCapacity(int d, double beta) => Math.Exp(d * DenseMemoryTheory.Alpha1Spherical(beta));
}
