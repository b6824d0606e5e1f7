namespace Trainer.Models.Hopfield.Theory;

/// <summary>Pattern distribution of a dense associative memory: Gaussian xi_i ~ N(0, 1), or uniform on ||xi||^2 = N.</summary>
public enum PatternEnsemble
{
    Gaussian,
    Spherical,
}

/// <summary>
/// Random-Energy-Model thresholds for the exponential capacity of dense associative memories ("The Exponential
/// Capacity of Dense Associative Memories", Lucibello and Mezard, PRL 2024; derivations in the paper digest 2.2).
/// P = e^(alpha N) patterns, LSE energy with inverse temperature lambda on the raw dot product, update
/// x &lt;- sum_mu xi^mu softmax_mu(lambda xi^mu . x). Pattern xi^1 is retrieved (one-step, typical pattern) iff
/// lambda &gt; phi(lambda), with phi the REM free entropy of the other patterns' energies xi^mu . xi^1:
/// <code>
///   Gaussian:  phi = alpha + lambda^2 / 2             if lambda &lt;= sqrt(2 alpha)
///              phi = lambda sqrt(2 alpha)             otherwise (frozen)
///              alpha_1^G(lambda) = lambda - lambda^2/2 (lambda &lt;= 1),  1/2 (lambda &gt;= 1)
///   Spherical: phi = max_{|q| &lt;= q_M} alpha + 1/2 ln(1 - q^2) + lambda q,   q_M = sqrt(1 - e^(-2 alpha))
///              q*(lambda) = (sqrt(1 + 4 lambda^2) - 1) / (2 lambda)
///              alpha_1^S(lambda) = lambda (1 - q*) - 1/2 ln(1 - q*^2)
/// </code>
/// A query at overlap rho0 is pulled to xi^1 in one step iff lambda rho0 &gt; phi(lambda), i.e. rho0 &gt; phi / lambda.
/// All functions are pure; they are the oracles the capacity experiment prints beside its measurements.
/// </summary>
public static class DenseMemoryTheory
{
    /// <summary>alpha_1^G(lambda): lambda - lambda^2/2 for lambda &lt;= 1, else 1/2 (lambda &gt; 0).</summary>
    public static double Alpha1Gaussian(double lambda)
    {
        RequirePositive(lambda);
        return lambda <= 1 ? lambda - lambda * lambda / 2 : 0.5;
    }

    /// <summary>q*(lambda) = (sqrt(1 + 4 lambda^2) - 1) / (2 lambda), the stationary overlap, in (0, 1).</summary>
    public static double QStar(double lambda)
    {
        RequirePositive(lambda);
        // Written as 2 lambda / (sqrt(1 + 4 lambda^2) + 1) to avoid cancellation at small lambda.
        return 2 * lambda / (Math.Sqrt(1 + 4 * lambda * lambda) + 1);
    }

    /// <summary>alpha_1^S(lambda) = lambda (1 - q*) - 1/2 ln(1 - q*^2).</summary>
    public static double Alpha1Spherical(double lambda)
    {
        double q = QStar(lambda);
        return lambda * (1 - q) - 0.5 * Math.Log((1 - q) * (1 + q));
    }

    /// <summary>alpha_1 for the given ensemble.</summary>
    public static double Alpha1(PatternEnsemble ensemble, double lambda) =>
        ensemble == PatternEnsemble.Gaussian ? Alpha1Gaussian(lambda) : Alpha1Spherical(lambda);

    /// <summary>Largest overlap among e^(alpha N) spherical patterns: q_M = sqrt(1 - e^(-2 alpha)).</summary>
    public static double MaxOverlap(double alpha)
    {
        RequireNonNegative(alpha);
        return Math.Sqrt(-double.ExpM1(-2 * alpha));
    }

    /// <summary>REM free entropy phi(lambda) = lim (1/N) log sum_{mu &gt;= 2} e^(lambda xi^mu . xi^1) at load alpha.</summary>
    public static double Phi(PatternEnsemble ensemble, double lambda, double alpha)
    {
        RequirePositive(lambda);
        RequireNonNegative(alpha);
        if (ensemble == PatternEnsemble.Gaussian)
        {
            double edge = Math.Sqrt(2 * alpha);
            return lambda <= edge ? alpha + lambda * lambda / 2 : lambda * edge;
        }

        double q = Math.Min(QStar(lambda), MaxOverlap(alpha));
        return alpha + 0.5 * Math.Log((1 - q) * (1 + q)) + lambda * q;
    }

    /// <summary>True when the REM is frozen (the maximum sits at the edge of the overlap distribution).</summary>
    public static bool IsFrozen(PatternEnsemble ensemble, double lambda, double alpha) =>
        ensemble == PatternEnsemble.Gaussian ? lambda > Math.Sqrt(2 * alpha) : QStar(lambda) > MaxOverlap(alpha);

    /// <summary>One-step retrieval of a typical pattern from the pattern itself: lambda &gt; phi(lambda).</summary>
    public static bool Retrieves(PatternEnsemble ensemble, double lambda, double alpha) =>
        lambda > Phi(ensemble, lambda, alpha);

    /// <summary>Smallest start overlap rho0 that one update pulls to the pattern: phi(lambda) / lambda.</summary>
    public static double OneStepBasinOverlap(PatternEnsemble ensemble, double lambda, double alpha) =>
        Phi(ensemble, lambda, alpha) / lambda;

    /// <summary>Zero-temperature (lambda -&gt; infinity) limit of the one-step basin overlap: sqrt(2 alpha) or q_M.</summary>
    public static double OneStepBasinOverlapAtZeroTemperature(PatternEnsemble ensemble, double alpha) =>
        ensemble == PatternEnsemble.Gaussian ? Math.Sqrt(2 * alpha) : MaxOverlap(alpha);

    /// <summary>Patterns P = e^(alpha N) (rounded), the load the experiment sweeps.</summary>
    public static long PatternCount(double alpha, int n) => (long)Math.Round(Math.Exp(alpha * n));

    /// <summary>Load alpha = ln(P) / N of P patterns in dimension N.</summary>
    public static double Load(long patterns, int n) => Math.Log(patterns) / n;

    private static void RequirePositive(double lambda)
    {
        if (!(lambda > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "lambda must be positive");
        }
    }

    private static void RequireNonNegative(double alpha)
    {
        if (!(alpha >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be non-negative");
        }
    }
}
