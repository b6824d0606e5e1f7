using Trainer.Data.Graphs;
using Trainer.Data.Randomness;

namespace Trainer.Models.Node2Vec;

/// <summary>
/// A link-prediction split of an undirected graph: a share of the edges is held out (test positives), the rest forms
/// the training graph that walks run on; negatives are node pairs that are not edges of the full graph (no self-pairs).
/// Pairs are (u, v) rows of int arrays, shape (count, 2) row-major.
/// </summary>
/// <param name="Train">The graph without the held-out edges.</param>
/// <param name="TrainEdges">Edges kept, (m_train, 2).</param>
/// <param name="TestEdges">Held-out edges, (m_test, 2).</param>
/// <param name="TrainNonEdges">Non-edges for fitting a classifier, as many as the train edges.</param>
/// <param name="TestNonEdges">Non-edges for testing, as many as the test edges, disjoint from the train ones.</param>
public sealed record EdgeSplit(Graph Train, int[] TrainEdges, int[] TestEdges, int[] TrainNonEdges, int[] TestNonEdges)
{
    /// <summary>Holds out round(testFraction * m) edges chosen uniformly; negatives uniform over non-edges.</summary>
    public static EdgeSplit Make(Graph graph, double testFraction, ulong seed)
    {
        if (graph.IsDirected)
        {
            throw new ArgumentException("link-prediction splits are defined for undirected graphs");
        }

        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "the test fraction must lie in (0, 1)");
        }

        int[] edges = graph.EdgeList();
        int m = edges.Length / 2;
        int test = Math.Max(1, (int)Math.Round(testFraction * m));
        int[] order = Sampling.Permutation(Rng.ForPurpose(seed, "edge-split"), m);
        int[] testEdges = Take(edges, order.AsSpan(0, test));
        int[] trainEdges = Take(edges, order.AsSpan(test));
        Graph train = GraphBuilder.FromEdgeArray(graph.NodeCount, trainEdges, directed: false);
        int[] nonEdges = NonEdges(graph, (m - test) + test, Rng.ForPurpose(seed, "non-edges"));
        return new EdgeSplit(train, trainEdges, testEdges, nonEdges[..(2 * (m - test))], nonEdges[(2 * (m - test))..]);
    }

    private static int[] Take(int[] edges, ReadOnlySpan<int> which)
    {
        var r = new int[which.Length * 2];
        for (int i = 0; i < which.Length; i++)
        {
            r[2 * i] = edges[2 * which[i]];
            r[2 * i + 1] = edges[2 * which[i] + 1];
        }

        return r;
    }

    // Distinct unordered pairs u < v that are not edges, drawn by rejection.
    private static int[] NonEdges(Graph graph, int count, Rng rng)
    {
        long n = graph.NodeCount;
        long possible = n * (n - 1) / 2 - graph.EdgeCount;
        if (count > possible)
        {
            throw new ArgumentException($"the graph has only {possible} non-edges, {count} requested");
        }

        var seen = new HashSet<long>();
        var r = new int[count * 2];
        int k = 0;
        while (k < count)
        {
            int u = rng.NextInt((int)n);
            int v = rng.NextInt((int)n);
            if (u == v || graph.HasEdge(u, v))
            {
                continue;
            }

            (u, v) = u < v ? (u, v) : (v, u);
            if (seen.Add(u * n + v))
            {
                r[2 * k] = u;
                r[2 * k + 1] = v;
                k++;
            }
        }

        return r;
    }
}

/// <summary>
/// Link-prediction scores and the ROC AUC: dot-product scores e_u . e_v, or Hadamard features e_u * e_v fed to an
/// L2-regularised logistic regression fitted on training edges and non-edges. Embeddings are (n, d) row-major floats.
/// </summary>
public static class LinkPrediction
{
    /// <summary>
    /// ROC AUC by ranks (Mann-Whitney U): the probability that a random positive outscores a random negative, ties
    /// counting one half. (sum of positive ranks - P (P + 1) / 2) / (P N), with average ranks for tied scores.
    /// </summary>
    public static double Auc(ReadOnlySpan<double> positives, ReadOnlySpan<double> negatives)
    {
        int p = positives.Length, q = negatives.Length;
        if (p == 0 || q == 0)
        {
            throw new ArgumentException("the AUC needs at least one positive and one negative score");
        }

        var all = new (double Score, bool Positive)[p + q];
        for (int i = 0; i < p; i++)
        {
            all[i] = (positives[i], true);
        }

        for (int i = 0; i < q; i++)
        {
            all[p + i] = (negatives[i], false);
        }

        Array.Sort(all, (a, b) => a.Score.CompareTo(b.Score));
        double rankSum = 0;
        for (int i = 0; i < all.Length;)
        {
            int j = i;
            while (j + 1 < all.Length && all[j + 1].Score == all[i].Score)
            {
                j++;
            }

            double rank = (i + j) / 2.0 + 1; // average 1-based rank of the tie group
            for (int k = i; k <= j; k++)
            {
                if (all[k].Positive)
                {
                    rankSum += rank;
                }
            }

            i = j + 1;
        }

        return (rankSum - p * (p + 1) / 2.0) / ((double)p * q);
    }

    /// <summary>e_u . e_v for each pair of <paramref name="pairs"/> (count, 2).</summary>
    public static double[] DotScores(float[] embeddings, int dim, int[] pairs)
    {
        var s = new double[pairs.Length / 2];
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = VectorMath.Dot(Row(embeddings, dim, pairs[2 * i]), Row(embeddings, dim, pairs[2 * i + 1]));
        }

        return s;
    }

    /// <summary>Test AUC of the dot-product score.</summary>
    public static double DotAuc(float[] embeddings, int dim, EdgeSplit split) =>
        Auc(DotScores(embeddings, dim, split.TestEdges), DotScores(embeddings, dim, split.TestNonEdges));

    /// <summary>Test AUC of logistic regression on Hadamard features e_u * e_v, fitted on the split's training pairs.</summary>
    public static double HadamardAuc(float[] embeddings, int dim, EdgeSplit split, double l2 = 1e-3, int iterations = 200)
    {
        var features = (int[] pairs) => Hadamard(embeddings, dim, pairs);
        double[][] trainX = [.. features(split.TrainEdges), .. features(split.TrainNonEdges)];
        double[] trainY = [.. Enumerable.Repeat(1.0, split.TrainEdges.Length / 2), .. Enumerable.Repeat(0.0, split.TrainNonEdges.Length / 2)];
        var model = LogisticRegression.Fit(trainX, trainY, l2, iterations);
        return Auc(features(split.TestEdges).Select(model.Score).ToArray(), features(split.TestNonEdges).Select(model.Score).ToArray());
    }

    /// <summary>Hadamard features e_u * e_v, one row per pair.</summary>
    public static double[][] Hadamard(float[] embeddings, int dim, int[] pairs)
    {
        var x = new double[pairs.Length / 2][];
        for (int i = 0; i < x.Length; i++)
        {
            ReadOnlySpan<float> a = Row(embeddings, dim, pairs[2 * i]);
            ReadOnlySpan<float> b = Row(embeddings, dim, pairs[2 * i + 1]);
            x[i] = new double[dim];
            for (int k = 0; k < dim; k++)
            {
                x[i][k] = (double)a[k] * b[k];
            }
        }

        return x;
    }

    private static ReadOnlySpan<float> Row(float[] embeddings, int dim, int node) => embeddings.AsSpan(node * dim, dim);
}
