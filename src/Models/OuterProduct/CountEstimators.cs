namespace Trainer.Models.OuterProduct;

/// <summary>
/// The count-based weightings q(x) of "Scaling Laws for Associative Memories" (Cabannes, Dohmatob and Bietti 2024,
/// digest 1.1 and 1.3), from the counts n_x of T samples:
/// <code>
///   q_rho(x)       = (n_x / T)^rho  if n_x > 0, else 0        (rho = 0 stores every seen token, rho = 1 the frequency)
///   q_rho,[P](x)   = q_rho(x) for the P most frequent seen tokens, else 0
///   q_gamma(x)     = f_gamma^(n_x)(0),  f_gamma(s) = s + gamma / (1 + e^s / M)   (what SGD with step gamma stores)
/// </code>
/// Ties in the top-P ranking go to the lower token id (a stable sort by decreasing count).
/// </summary>
public static class CountEstimators
{
    /// <summary>q_rho: (n_x / T)^rho for seen tokens, 0 for unseen ones.</summary>
    public static double[] Rho(ReadOnlySpan<int> counts, long samples, double rho)
    {
        var q = new double[counts.Length];
        for (int x = 0; x < q.Length; x++)
        {
            q[x] = counts[x] > 0 ? Math.Pow((double)counts[x] / samples, rho) : 0;
        }

        return q;
    }

    /// <summary>q_rho restricted to the <paramref name="keep"/> most frequent seen tokens (ties: lower id first).</summary>
    public static double[] Threshold(ReadOnlySpan<int> counts, long samples, double rho, int keep)
    {
        double[] q = Rho(counts, samples, rho);
        bool[] kept = TopByCount(counts, keep);
        for (int x = 0; x < q.Length; x++)
        {
            if (!kept[x])
            {
                q[x] = 0;
            }
        }

        return q;
    }

    /// <summary>Marks the <paramref name="keep"/> tokens of largest count among the seen ones (stable: lower id wins ties).</summary>
    public static bool[] TopByCount(ReadOnlySpan<int> counts, int keep)
    {
        int[] c = counts.ToArray();
        int[] order = Enumerable.Range(0, c.Length).Where(x => c[x] > 0).OrderByDescending(x => c[x]).ThenBy(x => x).ToArray();
        var kept = new bool[c.Length];
        for (int i = 0; i < Math.Min(keep, order.Length); i++)
        {
            kept[order[i]] = true;
        }

        return kept;
    }

    /// <summary>One saturating SGD update f_gamma(s) = s + gamma / (1 + e^s / M).</summary>
    public static double Saturating(double s, double gamma, int classes) => s + gamma / (1 + Math.Exp(s) / classes);

    /// <summary>f_gamma iterated <paramref name="times"/> times from s = 0.</summary>
    public static double SaturatingIterate(int times, double gamma, int classes)
    {
        double s = 0;
        for (int i = 0; i < times; i++)
        {
            s = Saturating(s, gamma, classes);
        }

        return s;
    }

    /// <summary>
    /// f_gamma^k(0) for k = 0 .. <paramref name="max"/>. Tracks e^s alongside s: once a step delta is below 1e-3,
    /// e^(s + delta) = e^s e^delta with e^delta from its Taylor series to delta^5 (truncation below 1e-20 relative), and
    /// e^s is recomputed exactly every 1024 steps, so the table equals the plain iteration to about 1e-12 while most
    /// of the up to 10^6 steps skip Math.Exp.
    /// </summary>
    public static double[] SaturatingTable(int max, double gamma, int classes)
    {
        var table = new double[max + 1];
        double s = 0, es = 1; // s_k and e^(s_k)
        for (int k = 1; k <= max; k++)
        {
            double delta = gamma / (1 + es / classes);
            s += delta;
            es = delta < 1e-3 && (k & 1023) != 0
                ? es * (1 + delta * (1 + delta / 2 * (1 + delta / 3 * (1 + delta / 4 * (1 + delta / 5)))))
                : Math.Exp(s);
            table[k] = s;
        }

        return table;
    }

    /// <summary>q_gamma(x) = f_gamma^(n_x)(0) for every token (one pass up to the largest count, then a lookup).</summary>
    public static double[] Sgd(ReadOnlySpan<int> counts, double gamma, int classes)
    {
        int max = 0;
        foreach (int n in counts)
        {
            max = Math.Max(max, n);
        }

        double[] table = SaturatingTable(max, gamma, classes);

        var q = new double[counts.Length];
        for (int x = 0; x < q.Length; x++)
        {
            q[x] = table[counts[x]];
        }

        return q;
    }
}
