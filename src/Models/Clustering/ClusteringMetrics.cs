namespace Trainer.Models.Clustering;

/// <summary>How <see cref="ClusteringMetrics.NormalizedMutualInfo"/> averages the two entropies (sklearn's average_method).</summary>
public enum NmiAverage
{
    /// <summary>(H(U) + H(V)) / 2, sklearn's default.</summary>
    Arithmetic,

    /// <summary>sqrt(H(U) H(V)).</summary>
    Geometric,

    /// <summary>min(H(U), H(V)).</summary>
    Min,

    /// <summary>max(H(U), H(V)).</summary>
    Max,
}

/// <summary>
/// Agreement between two labelings U (the truth) and V (the clustering) of the same n points; label values are
/// arbitrary integers (only equality matters). With the contingency table n_ij (points with U = i and V = j), row sums
/// a_i and column sums b_j:
/// <code>
///   pairs    tp = sum_ij C(n_ij, 2),  fp = sum_j C(b_j, 2) - tp,  fn = sum_i C(a_i, 2) - tp,  tn = C(n, 2) - tp - fp - fn
///   ARI      = 2 (tp tn - fn fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn))          (1 when fn = fp = 0)
///   MI       = sum_ij (n_ij / n) log(n n_ij / (a_i b_j))                               (nats)
///   NMI      = MI / mean(H(U), H(V))                                                   (1 when both have one cluster)
/// </code>
/// The ARI form is the pair-confusion one (Hubert and Arabie's index written with pair counts), the same limits as
/// scikit-learn's adjusted_rand_score and normalized_mutual_info_score.
/// </summary>
public static class ClusteringMetrics
{
    /// <summary>Adjusted Rand index in [-1, 1]: 1 for identical partitions, about 0 for independent ones.</summary>
    public static double AdjustedRandIndex(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        Contingency c = Contingency.Of(truth, predicted);
        double tp = 0;
        foreach (long nij in c.Cells.Values)
        {
            tp += Pairs(nij);
        }

        double rowPairs = c.Rows.Sum(Pairs);
        double colPairs = c.Cols.Sum(Pairs);
        double fp = colPairs - tp;
        double fn = rowPairs - tp;
        double tn = Pairs(c.N) - tp - fp - fn;
        if (fn == 0 && fp == 0)
        {
            return 1.0;
        }

        return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
    }

    /// <summary>Mutual information I(U; V) in nats.</summary>
    public static double MutualInfo(IReadOnlyList<int> truth, IReadOnlyList<int> predicted) =>
        MutualInfo(Contingency.Of(truth, predicted));

    /// <summary>Entropy H(U) of a labeling in nats.</summary>
    public static double Entropy(IReadOnlyList<int> labels)
    {
        long n = labels.Count;
        return labels.GroupBy(l => l).Sum(g => -Plogp(g.Count(), n));
    }

    /// <summary>Normalised mutual information in [0, 1] (see the class comment for the limit cases).</summary>
    public static double NormalizedMutualInfo(IReadOnlyList<int> truth, IReadOnlyList<int> predicted,
        NmiAverage average = NmiAverage.Arithmetic)
    {
        Contingency c = Contingency.Of(truth, predicted);
        if (c.Rows.Length == c.Cols.Length && c.Rows.Length <= 1)
        {
            return 1.0;                                       // neither labeling splits the data: a perfect match
        }

        double mi = MutualInfo(c);
        if (mi == 0)
        {
            return 0.0;
        }

        double hu = Entropy(truth), hv = Entropy(predicted);
        double norm = average switch
        {
            NmiAverage.Arithmetic => (hu + hv) / 2,
            NmiAverage.Geometric => Math.Sqrt(hu * hv),
            NmiAverage.Min => Math.Min(hu, hv),
            _ => Math.Max(hu, hv),
        };
        return mi / Math.Max(norm, double.Epsilon);
    }

    /// <summary>Number of distinct labels (clusters actually used).</summary>
    public static int DistinctLabels(IReadOnlyList<int> labels) => labels.Distinct().Count();

    private static double MutualInfo(Contingency c)
    {
        double mi = 0;
        foreach (var ((i, j), nij) in c.Cells)
        {
            mi += (double)nij / c.N * (Math.Log(nij) + Math.Log(c.N) - Math.Log(c.Rows[i]) - Math.Log(c.Cols[j]));
        }

        return Math.Max(mi, 0);
    }

    private static double Pairs(long m) => m * (m - 1) / 2.0;

    private static double Plogp(long count, long n) => count == 0 ? 0 : (double)count / n * Math.Log((double)count / n);

    /// <summary>Sparse contingency table: cells n_ij keyed by dense row/column indices, and the margins.</summary>
    private sealed record Contingency(Dictionary<(int, int), long> Cells, long[] Rows, long[] Cols, long N)
    {
        public static Contingency Of(IReadOnlyList<int> u, IReadOnlyList<int> v)
        {
            if (u.Count != v.Count)
            {
                throw new ArgumentException($"labelings differ in length: {u.Count} vs {v.Count}");
            }

            var rowIndex = new Dictionary<int, int>();
            var colIndex = new Dictionary<int, int>();
            var cells = new Dictionary<(int, int), long>();
            for (int p = 0; p < u.Count; p++)
            {
                int i = Index(rowIndex, u[p]), j = Index(colIndex, v[p]);
                cells[(i, j)] = cells.GetValueOrDefault((i, j)) + 1;
            }

            var rows = new long[rowIndex.Count];
            var cols = new long[colIndex.Count];
            foreach (var ((i, j), nij) in cells)
            {
                rows[i] += nij;
                cols[j] += nij;
            }

            return new Contingency(cells, rows, cols, u.Count);
        }

        private static int Index(Dictionary<int, int> map, int label)
        {
            if (!map.TryGetValue(label, out int i))
            {
                i = map.Count;
                map[label] = i;
            }

            return i;
        }
    }
}
