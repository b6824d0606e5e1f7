using Trainer.Data.Associations;

namespace Trainer.Models.OuterProduct;

/// <summary>
/// Closed forms of "Scaling Laws for Associative Memories" (digest 1.2), as pure functions, for Zipf inputs
/// p(x) = x^(-alpha) / sum_x' x'^(-alpha), alpha &gt; 1:
/// <code>
///   unseen mass            U_T = sum_x p(x) (1 - p(x))^T                                   (exact)
///   N = infinity           U_T ~ (1/alpha) Gamma(1 - 1/alpha) zeta(alpha)^(-1/alpha) T^-(1 - 1/alpha)
///   thresholding rate      E ~ d^-(alpha - 1) + T^-(1 - 1/alpha)                            (up to constants and logs)
///   q = p^rho, T infinite  E ~ d^-(alpha - 1) / (2 rho alpha)                               (2 rho alpha &gt; 1; unverified)
/// </code>
/// </summary>
public static class MemoryTheory
{
    /// <summary>p(x) proportional to x^(-alpha) for x = 1..N (index 0 is x = 1); the data generator's distribution.</summary>
    public static double[] Zipf(int inputs, double alpha) => ZipfAssociations.ZipfProbabilities(inputs, alpha);

    /// <summary>U_T = sum_x p(x) (1 - p(x))^T, computed as the data generator does (exp(T log1p(-p))).</summary>
    public static double UnseenMass(ReadOnlySpan<double> p, long samples) => ZipfAssociations.UnseenMass(p, samples);

    /// <summary>Mass of the tokens a sample never drew: sum over n_x = 0 of p(x).</summary>
    public static double EmpiricalUnseenMass(ReadOnlySpan<double> p, ReadOnlySpan<int> counts)
    {
        double mass = 0;
        for (int x = 0; x < p.Length; x++)
        {
            if (counts[x] == 0)
            {
                mass += p[x];
            }
        }

        return mass;
    }

    /// <summary>Mass beyond the <paramref name="keep"/> most probable tokens (p sorted or not).</summary>
    public static double TailMass(ReadOnlySpan<double> p, int keep)
    {
        double[] sorted = p.ToArray();
        Array.Sort(sorted, (a, b) => b.CompareTo(a));
        double mass = 0;
        for (int i = Math.Max(0, keep); i < sorted.Length; i++)
        {
            mass += sorted[i];
        }

        return mass;
    }

    /// <summary>The N = infinity asymptotic (1/alpha) Gamma(1 - 1/alpha) zeta(alpha)^(-1/alpha) T^-(1 - 1/alpha) (alpha &gt; 1).</summary>
    public static double UnseenMassAsymptotic(double samples, double alpha)
    {
        RequireAlpha(alpha);
        return Gamma(1 - 1 / alpha) / alpha * Math.Pow(Zeta(alpha), -1 / alpha) * Math.Pow(samples, -(1 - 1 / alpha));
    }

    /// <summary>The thresholding rate d^-(alpha - 1) + T^-(1 - 1/alpha), constants set to 1.</summary>
    public static double ThresholdingRate(double dim, double samples, double alpha)
    {
        RequireAlpha(alpha);
        return Math.Pow(dim, -(alpha - 1)) + Math.Pow(samples, -(1 - 1 / alpha));
    }

    /// <summary>The infinite-data rate of q = p^rho: d^-(alpha - 1) / (2 rho alpha) (constant 1; digest: derived, unverified).</summary>
    public static double FrequencyRate(double dim, double alpha, double rho)
    {
        RequireAlpha(alpha);
        if (!(2 * rho * alpha > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rho), rho, "the rate needs 2 rho alpha > 1");
        }

        return Math.Pow(dim, -(alpha - 1) / (2 * rho * alpha));
    }

    /// <summary>The Riemann zeta function for s &gt; 1 (direct sum to 20 terms plus an Euler-Maclaurin tail).</summary>
    public static double Zeta(double s)
    {
        if (!(s > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(s), s, "zeta(s) is computed for s > 1");
        }

        const int n = 20;
        double sum = 0;
        for (int k = 1; k < n; k++)
        {
            sum += Math.Pow(k, -s);
        }

        // Tail sum_{k >= n} k^-s = n^(1-s)/(s-1) + n^-s/2 + sum_j B_2j/(2j)! s(s+1)..(s+2j-2) n^(-s-2j+1).
        double tail = Math.Pow(n, 1 - s) / (s - 1) + 0.5 * Math.Pow(n, -s);
        double[] bernoulliOverFactorial = [1.0 / 12, -1.0 / 720, 1.0 / 30240, -1.0 / 1209600, 1.0 / 47900160];
        double rising = s;
        for (int j = 0; j < bernoulliOverFactorial.Length; j++)
        {
            tail += bernoulliOverFactorial[j] * rising * Math.Pow(n, -s - 2 * j - 1);
            rising *= (s + 2 * j + 1) * (s + 2 * j + 2);
        }

        return sum + tail;
    }

    /// <summary>The Gamma function (Lanczos approximation, g = 7; reflection below 1/2), about 15 digits.</summary>
    public static double Gamma(double z)
    {
        if (z < 0.5)
        {
            return Math.PI / (Math.Sin(Math.PI * z) * Gamma(1 - z));
        }

        double[] c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        z -= 1;
        double x = c[0];
        for (int i = 1; i < c.Length; i++)
        {
            x += c[i] / (z + i);
        }

        double t = z + 7.5;
        return Math.Sqrt(2 * Math.PI) * Math.Pow(t, z + 0.5) * Math.Exp(-t) * x;
    }

    private static void RequireAlpha(double alpha)
    {
        if (!(alpha > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "the rates hold for alpha > 1");
        }
    }
}
