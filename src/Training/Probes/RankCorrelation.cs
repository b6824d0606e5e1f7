namespace Trainer.Training.Probes;

/// <summary>
/// Spearman's rank correlation: the Pearson correlation of the ranks, ties sharing their average rank (as
/// scipy.stats.spearmanr). Example: x = [1, 2, 3], y = [10, 30, 20] gives ranks [1, 2, 3] and [1, 3, 2], rho = 0.5.
/// </summary>
public static class RankCorrelation
{
    /// <summary>rho(x, y); NaN when fewer than two points or when either side is constant.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"x has {x.Count} values, y has {y.Count}");
        }

        return x.Count < 2 ? double.NaN : Pearson(Ranks(x), Ranks(y));
    }

    /// <summary>1-based ranks, ties averaged.</summary>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        int n = values.Count;
        int[] order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => values[a].CompareTo(values[b]));
        var ranks = new double[n];
        int i = 0;
        while (i < n)
        {
            int j = i;
            while (j + 1 < n && values[order[j + 1]].Equals(values[order[i]]))
            {
                j++;
            }

            double rank = ((i + j) / 2.0) + 1;
            for (int k = i; k <= j; k++)
            {
                ranks[order[k]] = rank;
            }

            i = j + 1;
        }

        return ranks;
    }

    /// <summary>Pearson correlation; NaN when either side is constant.</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = x.Average();
        double my = y.Average();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : double.NaN;
    }
}
