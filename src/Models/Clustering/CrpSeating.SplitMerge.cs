namespace Trainer.Models.Clustering;

/// <summary>
/// Whole-table moves of <see cref="CrpSeating"/>, scored by the collapsed log posterior of the partition
/// <code>
///   log p(z, X) = sum_k [log alpha + log Gamma(n_k)] + sum_k log p(X_k) + const,
///   log p(X_k)  = sum_j [ -(n/2) log(2 pi sigma^2) + (1/2) log(sigma^2 / (sigma^2 + n tau^2))
///                         - SSW_j / (2 sigma^2) - n (xbar_j - mu0_j)^2 / (2 (sigma^2 + n tau^2)) ]
/// </code>
/// (the marginal likelihood of a table's n points with its memory integrated out, per coordinate; SSW_j is the
/// within-table sum of squares). A split cuts a table in two by 2-means (started at its farthest point and the point
/// farthest from that) and is kept when the log posterior rises; a merge joins the pair of tables that raises it most.
/// </summary>
public sealed partial class CrpSeating
{
    private const int LloydIterations = 10;

    /// <summary>log p(X_k) of a table with <paramref name="n"/> points, coordinate sums and sum of squared norms.</summary>
    public double LogMarginal(int n, ReadOnlySpan<double> sum, double sumSquares)
    {
        double v = _sigma2 + (n * _tau2);
        double ssw = sumSquares, meanTerm = 0;
        for (int j = 0; j < Dim; j++)
        {
            double mean = sum[j] / n;
            ssw -= n * mean * mean;
            meanTerm += n * (mean - _mu0[j]) * (mean - _mu0[j]);
        }

        return (Dim * ((-0.5 * n * Math.Log(2 * Math.PI * _sigma2)) + (0.5 * Math.Log(_sigma2 / v))))
            - (Math.Max(ssw, 0) / (2 * _sigma2)) - (meanTerm / (2 * v));
    }

    /// <summary>The collapsed log posterior of the current seating, up to a constant in the partition.</summary>
    public double LogPosterior()
    {
        double total = 0;
        for (int k = 0; k < Tables; k++)
        {
            total += TableScore(_counts[k], _sums[k], _sumSquares[k]);
        }

        return total;
    }

    /// <summary>Tries one 2-means split of every table; true when one was kept.</summary>
    public bool TrySplits()
    {
        bool any = false;
        int tables = Tables;
        for (int k = 0; k < tables; k++)
        {
            int[] members = Members(k);
            if (members.Length >= 2 && TwoMeans(members) is { } half && Gain(members, half) > 1e-9)
            {
                int target = Tables;                                   // the new table (no table retires here)
                foreach (int i in members.Where((_, m) => half[m]))
                {
                    Unseat(i);
                    Seat(i, target);
                }

                any = true;
            }
        }

        return any;
    }

    /// <summary>Merges the best pair of tables while that raises the log posterior; true when any merged.</summary>
    public bool TryMerges()
    {
        bool any = false;
        while (Tables > 1)
        {
            (int a, int b, double best) = (-1, -1, 1e-9);
            var merged = new double[Dim];
            for (int k = 0; k < Tables; k++)
            {
                for (int l = k + 1; l < Tables; l++)
                {
                    for (int j = 0; j < Dim; j++)
                    {
                        merged[j] = _sums[k][j] + _sums[l][j];
                    }

                    double gain = TableScore(_counts[k] + _counts[l], merged, _sumSquares[k] + _sumSquares[l])
                        - TableScore(_counts[k], _sums[k], _sumSquares[k]) - TableScore(_counts[l], _sums[l], _sumSquares[l]);
                    if (gain > best)
                    {
                        (a, b, best) = (k, l, gain);
                    }
                }
            }

            if (a < 0)
            {
                return any;
            }

            foreach (int i in Members(b))
            {
                Unseat(i);                       // b (> a) is retired when its last point leaves; a keeps its index
                Seat(i, a);
            }

            any = true;
        }

        return any;
    }

    private double TableScore(int n, ReadOnlySpan<double> sum, double sumSquares) =>
        Math.Log(_alpha) + LogGamma(n) + LogMarginal(n, sum, sumSquares);

    private int[] Members(int k) => Enumerable.Range(0, N).Where(i => _labels[i] == k).ToArray();

    /// <summary>Change of the log posterior if <paramref name="half"/> of the members moved to a table of their own.</summary>
    private double Gain(int[] members, bool[] half)
    {
        var sums = new double[2][] { new double[Dim], new double[Dim] };
        var sq = new double[2];
        var n = new int[2];
        for (int m = 0; m < members.Length; m++)
        {
            int side = half[m] ? 1 : 0;
            n[side]++;
            for (int j = 0; j < Dim; j++)
            {
                double v = _x[(members[m] * Dim) + j];
                sums[side][j] += v;
                sq[side] += v * v;
            }
        }

        int k = _labels[members[0]];
        return TableScore(n[0], sums[0], sq[0]) + TableScore(n[1], sums[1], sq[1]) - TableScore(_counts[k], _sums[k], _sumSquares[k]);
    }

    /// <summary>2-means of the members (Lloyd from two far-apart points); which side each is on, or null if one side empties.</summary>
    private bool[]? TwoMeans(int[] members)
    {
        int k = _labels[members[0]];
        double[] centre = _sums[k].Select(v => v / members.Length).ToArray();
        int p1 = Farthest(members, centre);
        double[] c0 = Row(p1), c1 = Row(Farthest(members, c0));
        var side = new bool[members.Length];
        for (int it = 0; it < LloydIterations; it++)
        {
            for (int m = 0; m < members.Length; m++)
            {
                side[m] = Distance2(members[m], c1) < Distance2(members[m], c0);
            }

            int ones = side.Count(s => s);
            if (ones == 0 || ones == members.Length)
            {
                return null;
            }

            c0 = Centroid(members, side, false);
            c1 = Centroid(members, side, true);
        }

        return side;
    }

    private int Farthest(int[] members, double[] from) => members.MaxBy(i => Distance2(i, from));

    private double[] Row(int i) => _x.AsSpan(i * Dim, Dim).ToArray();

    private double Distance2(int i, double[] c)
    {
        double s = 0;
        for (int j = 0; j < Dim; j++)
        {
            double diff = _x[(i * Dim) + j] - c[j];
            s += diff * diff;
        }

        return s;
    }

    private double[] Centroid(int[] members, bool[] side, bool which)
    {
        var c = new double[Dim];
        int n = 0;
        for (int m = 0; m < members.Length; m++)
        {
            if (side[m] == which)
            {
                n++;
                for (int j = 0; j < Dim; j++)
                {
                    c[j] += _x[(members[m] * Dim) + j];
                }
            }
        }

        return c.Select(v => v / n).ToArray();
    }

    /// <summary>log Gamma(x) for x &gt;= 1 (Lanczos, g = 7, nine terms; about 15 digits).</summary>
    public static double LogGamma(double x)
    {
        ReadOnlySpan<double> c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        x -= 1;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++)
        {
            a += c[i] / (x + i);
        }

        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(a);
    }
}
