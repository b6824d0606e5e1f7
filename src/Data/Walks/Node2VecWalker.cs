using Trainer.Data.Graphs;
using Trainer.Data.Randomness;

namespace Trainer.Data.Walks;

/// <summary>
/// Node2Vec second-order random walks (Grover and Leskovec 2016) over precomputed alias tables. Having arrived
/// at v from t, the walk moves to a neighbour x of v with probability proportional to
/// w(v, x) / p if x = t (return), w(v, x) if x is a neighbour of t, and w(v, x) / q otherwise (outward).
/// The first step from the start node is proportional to w(start, x). With p = q = 1 the walk is first-order
/// and needs no per-edge tables (uniform choice on unweighted graphs: the fast path).
/// </summary>
/// <remarks>
/// Memory: one table per stored arc t -&gt; v with deg(v) entries of a float probability and an int alias, so
/// 8 * sum over arcs of deg(v) = 8 * sum_v deg(v)^2 bytes, plus 8 bytes per arc of offsets (see
/// <see cref="AliasBytes"/>). Example: on the path 0 - 1 - 2 with p = 2, q = 0.5, a walk that came 0 -&gt; 1
/// continues to 0 with weight 1/2 and to 2 with weight 1/0.5 = 2, i.e. probabilities 0.2 and 0.8.
/// For a directed graph "x is a neighbour of t" means the arc t -&gt; x exists.
/// </remarks>
public sealed class Node2VecWalker
{
    private const float CoinUnit = 1.0f / (1 << 24);
    private readonly Graph _graph;
    private readonly int[] _offsets;
    private readonly int[] _targets;
    private readonly float[]? _nodeProb;
    private readonly int[]? _nodeAlias;
    private readonly long[]? _edgeOffsets;
    private readonly float[]? _edgeProb;
    private readonly int[]? _edgeAlias;

    /// <summary>Builds the alias tables (in parallel over source nodes; the tables do not depend on threads).</summary>
    public Node2VecWalker(Graph graph, double p = 1, double q = 1, int threads = 0)
    {
        if (!(p > 0) || !(q > 0) || double.IsInfinity(p) || double.IsInfinity(q))
        {
            throw new ArgumentException($"p and q must be positive and finite, got p {p}, q {q}");
        }
        _graph = graph;
        P = p;
        Q = q;
        _offsets = graph.Offsets.ToArray();
        _targets = graph.Targets.ToArray();
        if (graph.IsWeighted)
        {
            (_nodeProb, _nodeAlias) = NodeTables(graph);
        }
        if (IsBiased)
        {
            (_edgeOffsets, _edgeProb, _edgeAlias) = EdgeTables(graph, p, q, threads);
        }
    }

    /// <summary>Return parameter p.</summary>
    public double P { get; }

    /// <summary>In-out parameter q.</summary>
    public double Q { get; }

    /// <summary>True unless p = q = 1 (then the walk is first-order).</summary>
    public bool IsBiased => P != 1 || Q != 1;

    /// <summary>The graph walked on.</summary>
    public Graph Graph => _graph;

    /// <summary>Bytes held by all alias tables and their offsets.</summary>
    public long AliasBytes =>
        (_nodeProb?.LongLength ?? 0) * 4 + (_nodeAlias?.LongLength ?? 0) * 4 +
        (_edgeOffsets?.LongLength ?? 0) * 8 + (_edgeProb?.LongLength ?? 0) * 4 + (_edgeAlias?.LongLength ?? 0) * 4;

    /// <summary>
    /// One walk from <paramref name="start"/> into <paramref name="dest"/> (its length is the walk length, nodes
    /// including the start). Stops early at a node without out-arcs; the rest of dest is -1. Returns the nodes written.
    /// </summary>
    public int Walk(int start, Rng rng, Span<int> dest)
    {
        if (dest.Length == 0)
        {
            return 0;
        }
        dest[0] = start;
        int filled = 1;
        int prevSlot = -1;
        int current = start;
        while (filled < dest.Length)
        {
            int deg = _offsets[current + 1] - _offsets[current];
            if (deg == 0)
            {
                break;
            }
            int k = prevSlot >= 0 && _edgeOffsets is not null
                ? SampleTable(_edgeProb!, _edgeAlias!, _edgeOffsets[prevSlot], deg, rng)
                : SampleFirstOrder(current, deg, rng);
            prevSlot = _offsets[current] + k;
            current = _targets[prevSlot];
            dest[filled++] = current;
        }
        dest[filled..].Fill(-1);
        return filled;
    }

    /// <summary>
    /// walks_per_node walks from every node, shape (walks_per_node * n, walk_length) row-major, -1 after a dead end.
    /// Round r visits the nodes in a random order (or in id order when <paramref name="shuffleStarts"/> is false);
    /// walk r * n + i draws from its own substream, so the result does not depend on <paramref name="threads"/>.
    /// </summary>
    public int[] Walks(int walksPerNode, int walkLength, ulong seed, int threads = 0, bool shuffleStarts = true)
    {
        int[] starts = StartNodes(walksPerNode, seed, shuffleStarts);
        if ((long)starts.Length * walkLength > Array.MaxLength)
        {
            throw new ArgumentException($"{starts.Length} walks of {walkLength} nodes exceed one array; use fewer walks or shorter ones");
        }
        var walks = new int[(long)starts.Length * walkLength];
        ParallelStreams.For(starts.Length, Rng.DeriveSeed(seed, "walks"), threads, (w, rng) =>
        {
            Walk(starts[w], rng, walks.AsSpan((int)(w * walkLength), walkLength));
        });
        return walks;
    }

    /// <summary>Start node of every walk: round r is a permutation of the nodes (identity if not shuffled).</summary>
    public int[] StartNodes(int walksPerNode, ulong seed, bool shuffleStarts)
    {
        int n = _graph.NodeCount;
        if ((long)walksPerNode * n > Array.MaxLength)
        {
            throw new ArgumentException($"{(long)walksPerNode * n} walks exceed one array");
        }
        var starts = new int[walksPerNode * n];
        for (int r = 0; r < walksPerNode; r++)
        {
            int[] order = shuffleStarts
                ? Sampling.Permutation(Rng.ForStream(Rng.DeriveSeed(seed, "starts"), (ulong)r), n)
                : Enumerable.Range(0, n).ToArray();
            order.CopyTo(starts, r * n);
        }
        return starts;
    }

    /// <summary>Exact probability that a walk at v having come from t steps to x (t = -1: first step).</summary>
    public double TransitionProbability(int t, int v, int x)
    {
        double total = 0;
        double chosen = 0;
        var nbrs = _graph.Neighbors(v);
        for (int i = 0; i < nbrs.Length; i++)
        {
            double w = _graph.SlotWeight(_offsets[v] + i);
            if (t >= 0)
            {
                w = nbrs[i] == t ? w / P : _graph.HasEdge(t, nbrs[i]) ? w : w / Q;
            }
            total += w;
            if (nbrs[i] == x)
            {
                chosen = w;
            }
        }
        return total > 0 ? chosen / total : 0;
    }

    private int SampleFirstOrder(int node, int deg, Rng rng)
    {
        if (_nodeProb is null)
        {
            return rng.NextInt(deg);
        }
        return SampleTable(_nodeProb, _nodeAlias!, _offsets[node], deg, rng);
    }

    // One 64-bit draw: the high 32 bits pick the column (Lemire, unbiased), the low 24 bits flip the coin.
    private static int SampleTable(float[] prob, int[] alias, long baseIndex, int size, Rng rng)
    {
        uint range = (uint)size;
        ulong r = rng.NextUInt64();
        ulong m = (r >> 32) * range;
        if ((uint)m < range)
        {
            uint threshold = (0u - range) % range;
            while ((uint)m < threshold)
            {
                r = rng.NextUInt64();
                m = (r >> 32) * range;
            }
        }
        int column = (int)(m >> 32);
        float coin = (r & 0xFFFFFF) * CoinUnit;
        long at = baseIndex + column;
        return coin < prob[at] ? column : alias[at];
    }

    private static (float[], int[]) NodeTables(Graph graph)
    {
        var prob = new float[graph.SlotCount];
        var alias = new int[graph.SlotCount];
        var scratch = new AliasScratch(MaxDegree(graph));
        for (int v = 0; v < graph.NodeCount; v++)
        {
            int deg = graph.Degree(v);
            if (deg == 0)
            {
                continue;
            }
            int start = graph.Offsets[v];
            for (int i = 0; i < deg; i++)
            {
                scratch.Weights[i] = graph.SlotWeight(start + i);
            }
            scratch.BuildInto(deg, prob.AsSpan(start, deg), alias.AsSpan(start, deg));
        }
        return (prob, alias);
    }

    private static (long[], float[], int[]) EdgeTables(Graph graph, double p, double q, int threads)
    {
        int slots = graph.SlotCount;
        var offsets = new long[slots + 1];
        var targets = graph.Targets;
        for (int e = 0; e < slots; e++)
        {
            offsets[e + 1] = offsets[e] + graph.Degree(targets[e]);
        }
        if (offsets[slots] > Array.MaxLength)
        {
            throw new InvalidOperationException($"node2vec tables would need {offsets[slots]} entries (sum of deg(v)^2), more than one array holds");
        }
        var prob = new float[offsets[slots]];
        var alias = new int[offsets[slots]];
        int maxDeg = MaxDegree(graph);
        var options = new ParallelOptions { MaxDegreeOfParallelism = ParallelStreams.ResolveThreads(threads) };
        Parallel.For(0, graph.NodeCount, options, () => new AliasScratch(maxDeg), (t, _, scratch) =>
        {
            var tn = graph.Neighbors(t);
            for (int e = graph.Offsets[t]; e < graph.Offsets[t + 1]; e++)
            {
                int v = graph.Targets[e];
                var vn = graph.Neighbors(v);
                if (vn.Length == 0)
                {
                    continue;
                }
                int vStart = graph.Offsets[v];
                int j = 0;
                for (int i = 0; i < vn.Length; i++)
                {
                    int x = vn[i];
                    while (j < tn.Length && tn[j] < x)
                    {
                        j++;
                    }
                    double w = graph.SlotWeight(vStart + i);
                    scratch.Weights[i] = x == t ? w / p : j < tn.Length && tn[j] == x ? w : w / q;
                }
                scratch.BuildInto(vn.Length, prob.AsSpan((int)offsets[e], vn.Length), alias.AsSpan((int)offsets[e], vn.Length));
            }
            return scratch;
        }, _ => { });
        return (offsets, prob, alias);
    }

    private static int MaxDegree(Graph graph)
    {
        int max = 1;
        for (int v = 0; v < graph.NodeCount; v++)
        {
            max = Math.Max(max, graph.Degree(v));
        }
        return max;
    }

    private sealed class AliasScratch(int size)
    {
        public double[] Weights { get; } = new double[size];

        private readonly double[] _prob = new double[size];
        private readonly double[] _scaled = new double[size];
        private readonly int[] _work = new int[size];

        public void BuildInto(int n, Span<float> prob, Span<int> alias)
        {
            AliasTable.Build(Weights.AsSpan(0, n), _prob.AsSpan(0, n), alias, _scaled, _work);
            for (int i = 0; i < n; i++)
            {
                prob[i] = (float)_prob[i];
            }
        }
    }
}
