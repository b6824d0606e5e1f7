namespace Trainer.Training.Probes;

/// <summary>
/// Next-node scores S (n, n): row u holds the model's score of every node token w as the answer to
/// <c>[EDGE] u</c> (a sequence model's logits at the last position, restricted to node tokens) or, for pure
/// embeddings, S[u, w] = e_u . e_w with w = u excluded (<see cref="ExcludesSelf"/>). Top-k lists are sorted by
/// score, ties broken by the smaller node id, so they are deterministic.
/// </summary>
public sealed class ScoreMatrix
{
    private readonly float[] _scores;

    /// <summary>Wraps row-major scores (length n * n; not copied).</summary>
    public ScoreMatrix(float[] scores, int nodeCount, bool excludesSelf)
    {
        if ((long)nodeCount * nodeCount != scores.Length)
        {
            throw new ArgumentException($"a score matrix over {nodeCount} nodes needs {(long)nodeCount * nodeCount} values, got {scores.Length}");
        }

        _scores = scores;
        NodeCount = nodeCount;
        ExcludesSelf = excludesSelf;
    }

    /// <summary>n.</summary>
    public int NodeCount { get; }

    /// <summary>True when w = u is never a candidate answer for u (pure-embedding scores).</summary>
    public bool ExcludesSelf { get; }

    /// <summary>S[u, w].</summary>
    public float this[int u, int w] => _scores[(u * NodeCount) + w];

    /// <summary>Scores of all nodes for prompt u.</summary>
    public ReadOnlySpan<float> Row(int u) => _scores.AsSpan(u * NodeCount, NodeCount);

    /// <summary>S[u, w] = e_u . e_w, self excluded (the Node2Vec-style readout of paper section 3.4).</summary>
    public static ScoreMatrix FromDot(EmbeddingMatrix e)
    {
        int n = e.Rows;
        var s = new float[n * n];
        for (int u = 0; u < n; u++)
        {
            for (int w = u; w < n; w++)
            {
                float v = (float)e.Dot(u, w);
                s[(u * n) + w] = v;
                s[(w * n) + u] = v;
            }
        }

        return new ScoreMatrix(s, n, excludesSelf: true);
    }

    /// <summary>
    /// S = E M E^T, i.e. S[u, w] = e_u^T M e_w, with M (d, d) row-major. The edge network's logits are
    /// e_w . (W e_u + b), so its bilinear part is M = W^T.
    /// </summary>
    public static ScoreMatrix FromBilinear(EmbeddingMatrix e, ReadOnlySpan<double> m, bool excludesSelf = false)
    {
        int n = e.Rows;
        int d = e.Cols;
        if (m.Length != d * d)
        {
            throw new ArgumentException($"M must be ({d}, {d}) for an embedding of width {d}; got {m.Length} values");
        }

        var em = new double[n * d]; // (n, d) = E M
        for (int u = 0; u < n; u++)
        {
            ReadOnlySpan<double> row = e.Row(u);
            for (int j = 0; j < d; j++)
            {
                double acc = 0;
                for (int i = 0; i < d; i++)
                {
                    acc += row[i] * m[(i * d) + j];
                }

                em[(u * d) + j] = acc;
            }
        }

        var s = new float[n * n];
        for (int u = 0; u < n; u++)
        {
            for (int w = 0; w < n; w++)
            {
                ReadOnlySpan<double> ew = e.Row(w);
                double acc = 0;
                for (int j = 0; j < d; j++)
                {
                    acc += em[(u * d) + j] * ew[j];
                }

                s[(u * n) + w] = (float)acc;
            }
        }

        return new ScoreMatrix(s, n, excludesSelf);
    }

    /// <summary>
    /// The <paramref name="k"/> best candidates for prompt u, best first (score descending, then node id
    /// ascending); u itself is skipped when <see cref="ExcludesSelf"/>. NaN scores rank last.
    /// </summary>
    public int[] TopK(int u, int k)
    {
        ReadOnlySpan<float> row = Row(u);
        int cap = Math.Min(k, NodeCount - (ExcludesSelf ? 1 : 0));
        var best = new List<int>(cap + 1);
        for (int w = 0; w < NodeCount && cap > 0; w++)
        {
            if (ExcludesSelf && w == u)
            {
                continue;
            }

            // Insertion into a short sorted list: k is small (5 by default).
            int at = best.Count;
            while (at > 0 && Better(row[w], row[best[at - 1]]))
            {
                at--;
            }

            if (at < cap)
            {
                best.Insert(at, w);
                if (best.Count > cap)
                {
                    best.RemoveAt(best.Count - 1);
                }
            }
        }

        return best.ToArray();
    }

    /// <summary>True when score a strictly beats b (NaN never beats anything; anything beats NaN).</summary>
    private static bool Better(float a, float b) => !float.IsNaN(a) && (float.IsNaN(b) || a > b);
}
