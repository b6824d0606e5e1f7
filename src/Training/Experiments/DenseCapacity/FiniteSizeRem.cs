using Trainer.Models.Hopfield.Theory;

namespace Trainer.Training.Experiments.DenseCapacity;

/// <summary>
/// A finite-N estimate of one-step retrieval in a dense associative memory, beside the N -&gt; infinity thresholds of
/// <see cref="DenseMemoryTheory"/> (paper digest 2.2). The query x has overlap rho0 with its target xi^1; the target
/// wins the softmax (weight &gt; 1/2) iff
/// <code>
///   lambda x . xi^1  &gt;  ln Z,    Z = sum_{mu = 2..P} exp(lambda x . xi^mu)
/// </code>
/// The other scores are i.i.d.: x . xi^mu = s t_mu with t ~ the exact finite-N overlap law (spherical: density
/// proportional to (1 - t^2)^((N - 3) / 2) on [-1, 1], s = N; Gaussian: t ~ N(0, 1), s = ||x||). ln Z is estimated as
/// a finite Random Energy Model: the P - 1 energies fill the law up to the level t_M where P Pr(t &gt; t_M) = 1,
/// <code>
///   ln Z ~ logaddexp( ln(P - 1) + ln E[exp(lambda s t) 1{t &lt; t_M}],  lambda s t_M )
/// </code>
/// which is the annealed sum below t_M plus the largest term, and tends to N phi(lambda) as N grows (both phases).
/// For Gaussian patterns the target's norm r = ||xi^1|| ~ chi_N is integrated over, which gives the broad transition
/// that norm fluctuations cause at small N. Everything is 1-D quadrature on fixed grids; no sampling.
/// </summary>
public static class FiniteSizeRem
{
    /// <summary>
    /// Probability that a query at overlap <paramref name="overlap"/> (1: the pattern itself) is retrieved in one step
    /// by P = e^(alpha N) patterns of <paramref name="ensemble"/> in dimension <paramref name="n"/>. Spherical
    /// patterns give 0 or 1 (the estimate is deterministic); Gaussian ones a probability over ||xi^1||. With
    /// <paramref name="weight"/> the target must reach that softmax weight instead of 1/2 (its log-odds is the margin).
    /// </summary>
    public static double SuccessProbability(PatternEnsemble ensemble, int n, double lambda, double alpha, double overlap = 1.0,
        double weight = 0.5)
    {
        double lnOthers = LogOthers(alpha, n);
        double margin = Math.Log(weight / (1 - weight));
        if (ensemble == PatternEnsemble.Spherical)
        {
            OverlapLaw law = OverlapLaw.Spherical(n);
            return lambda * n * overlap > law.LogPartition(lnOthers, lambda * n) + margin ? 1 : 0;
        }

        OverlapLaw g = OverlapLaw.StandardNormal(Math.Sqrt(2 * Math.Max(lnOthers, 0)) + 6);
        double sqrtN = Math.Sqrt(n);
        double fixedLnZ = overlap < 1 ? g.LogPartition(lnOthers, lambda * sqrtN) + margin : double.NaN;
        double p = 0;
        foreach (var (r, w) in ChiGrid(n))
        {
            if (w < 1e-12)
            {
                continue;                                                     // chi_N is narrow: most nodes carry no weight
            }

            // rho0 = 1: x = xi^1, self score r^2, others r g.  rho0 < 1: ||x|| = sqrt(N), self rho0 sqrt(N) r, others sqrt(N) g.
            bool ok = overlap >= 1
                ? lambda * r * r > g.LogPartition(lnOthers, lambda * r) + margin
                : lambda * overlap * sqrtN * r > fixedLnZ;
            p += ok ? w : 0;
        }

        return p;
    }

    /// <summary>The load alpha at which <see cref="SuccessProbability"/> crosses 1/2 (bisection on [lo, hi]).</summary>
    public static double HalfLoad(PatternEnsemble ensemble, int n, double lambda, double weight = 0.5, double lo = 0.005, double hi = 4.0) =>
        Bisect(a => SuccessProbability(ensemble, n, lambda, a, weight: weight) - 0.5, lo, hi);

    /// <summary>The start overlap at which one-step retrieval crosses 1/2 at load alpha (bisection on [0, 1]).</summary>
    public static double HalfOverlap(PatternEnsemble ensemble, int n, double lambda, double alpha) =>
        Bisect(r => 0.5 - SuccessProbability(ensemble, n, lambda, alpha, Math.Min(r, 0.999999)), 0.0, 1.0);

    /// <summary>ln(P - 1) for P = e^(alpha N), or -infinity when there is no other pattern.</summary>
    public static double LogOthers(double alpha, int n)
    {
        double x = alpha * n;
        return x > 30 ? x + Math.Log(-double.ExpM1(-x)) : Math.Log(Math.Max(double.ExpM1(x), 0));
    }

    // Finds x in [lo, hi] where a decreasing f changes sign from positive to non-positive; an end if it does not.
    private static double Bisect(Func<double, double> f, double lo, double hi)
    {
        if (f(lo) <= 0)
        {
            return lo;
        }

        if (f(hi) > 0)
        {
            return hi;
        }

        for (int i = 0; i < 40; i++)
        {
            double m = 0.5 * (lo + hi);
            if (f(m) > 0)
            {
                lo = m;
            }
            else
            {
                hi = m;
            }
        }

        return 0.5 * (lo + hi);
    }

    // Quadrature nodes and weights for r ~ chi_N.
    private static IEnumerable<(double R, double W)> ChiGrid(int n)
    {
        const int nodes = 300;
        double hi = Math.Sqrt(n) + 9;
        double dr = hi / nodes;
        var logW = new double[nodes];
        for (int i = 0; i < nodes; i++)
        {
            double r = (i + 0.5) * dr;
            logW[i] = ((n - 1) * Math.Log(r)) - (r * r / 2);
        }

        double lse = LogSumExp(logW, logW.Length);
        for (int i = 0; i < nodes; i++)
        {
            yield return ((i + 0.5) * dr, Math.Exp(logW[i] - lse));
        }
    }

    internal static double LogSumExp(double[] v, int count)
    {
        double max = double.NegativeInfinity;
        for (int i = 0; i < count; i++)
        {
            max = Math.Max(max, v[i]);
        }

        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        double s = 0;
        for (int i = 0; i < count; i++)
        {
            s += Math.Exp(v[i] - max);
        }

        return max + Math.Log(s);
    }

    /// <summary>
    /// A 1-D law on a grid: nodes t_i, log probabilities log w_i (summing to 1) and the log upper tails
    /// log Pr(t &gt;= t_i), used to estimate ln sum_{mu=1..K} exp(c t_mu) for K i.i.d. draws.
    /// </summary>
    public sealed class OverlapLaw
    {
        private readonly double[] _t;
        private readonly double[] _logW;
        private readonly double[] _logTail;
        private readonly double[] _scratch;

        private OverlapLaw(double[] t, double[] logDensity)
        {
            _t = t;
            double lse = LogSumExp(logDensity, logDensity.Length);
            _logW = logDensity.Select(v => v - lse).ToArray();
            _logTail = new double[t.Length];
            double acc = double.NegativeInfinity;
            for (int i = t.Length - 1; i >= 0; i--)
            {
                acc = LogAddExp(acc, _logW[i]);
                _logTail[i] = acc;
            }

            _scratch = new double[t.Length];
        }

        /// <summary>Overlap q = x . xi / N of a uniform direction on S^(N-1) with a fixed one: (1 - q^2)^((N-3)/2).</summary>
        public static OverlapLaw Spherical(int n)
        {
            if (n < 3)
            {
                throw new ArgumentOutOfRangeException(nameof(n), n, "the spherical overlap law needs N >= 3");
            }

            const int nodes = 8001;
            var t = new double[nodes];
            var logD = new double[nodes];
            for (int i = 0; i < nodes; i++)
            {
                t[i] = -1 + ((i + 0.5) * 2.0 / nodes);
                logD[i] = (n - 3) / 2.0 * Math.Log((1 - t[i]) * (1 + t[i]));
            }

            return new OverlapLaw(t, logD);
        }

        /// <summary>The standard normal on [-limit, limit].</summary>
        public static OverlapLaw StandardNormal(double limit)
        {
            limit = Math.Max(limit, 8);
            const int nodes = 6001;
            var t = new double[nodes];
            var logD = new double[nodes];
            for (int i = 0; i < nodes; i++)
            {
                t[i] = -limit + ((i + 0.5) * 2 * limit / nodes);
                logD[i] = -t[i] * t[i] / 2;
            }

            return new OverlapLaw(t, logD);
        }

        /// <summary>Finite-REM estimate of ln sum_{mu=1..K} exp(c t_mu) with ln K = <paramref name="lnCount"/>.</summary>
        public double LogPartition(double lnCount, double c)
        {
            if (double.IsNegativeInfinity(lnCount))
            {
                return double.NegativeInfinity;
            }

            int edge = EdgeIndex(LogAddExp(lnCount, 0));
            for (int i = 0; i < edge; i++)
            {
                _scratch[i] = _logW[i] + (c * _t[i]);
            }

            double bulk = edge > 0 ? lnCount + LogSumExp(_scratch, edge) : double.NegativeInfinity;
            return LogAddExp(bulk, c * _t[edge]);
        }

        // First node where (K + 1) Pr(t >= t_i) <= 1 (the typical largest of K draws; the median for K = 1); the last node if none.
        private int EdgeIndex(double lnCountPlusOne)
        {
            int lo = 0, hi = _t.Length - 1;
            if (lnCountPlusOne + _logTail[hi] > 0)
            {
                return hi;
            }

            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (lnCountPlusOne + _logTail[mid] <= 0)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            return lo;
        }

        private static double LogAddExp(double a, double b)
        {
            if (double.IsNegativeInfinity(a))
            {
                return b;
            }

            if (double.IsNegativeInfinity(b))
            {
                return a;
            }

            double m = Math.Max(a, b);
            return m + Math.Log(Math.Exp(a - m) + Math.Exp(b - m));
        }
    }
}
