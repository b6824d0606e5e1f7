namespace Trainer.Data.Graphs;

/// <summary>
/// A graph in compressed sparse row form: the out-neighbours of node u are Targets[Offsets[u] .. Offsets[u+1]),
/// sorted ascending, with optional float weights alongside. An undirected graph stores each edge {u, v} in both
/// rows (a self-loop {u, u} once), so Degree(u) is the number of stored neighbours.
/// </summary>
/// <remarks>
/// Example: the undirected path 0 - 1 - 2 has Offsets = [0, 1, 3, 4] and Targets = [1, 0, 2, 1];
/// <c>EdgeList()</c> gives [(0, 1), (1, 2)] and <c>DenseAdjacency()</c> the 3 x 3 row-major matrix
/// [0 1 0; 1 0 1; 0 1 0].
/// </remarks>
public sealed class Graph
{
    private readonly int[] _offsets;
    private readonly int[] _targets;
    private readonly float[]? _weights;

    internal Graph(int nodeCount, bool directed, int[] offsets, int[] targets, float[]? weights)
    {
        NodeCount = nodeCount;
        IsDirected = directed;
        _offsets = offsets;
        _targets = targets;
        _weights = weights;
    }

    /// <summary>Number of nodes n; ids are 0..n-1.</summary>
    public int NodeCount { get; }

    /// <summary>True when edges are arcs u -&gt; v; false when each edge is stored in both rows.</summary>
    public bool IsDirected { get; }

    /// <summary>True when the graph carries edge weights.</summary>
    public bool IsWeighted => _weights is not null;

    /// <summary>Row starts, length n + 1.</summary>
    public ReadOnlySpan<int> Offsets => _offsets;

    /// <summary>Neighbour ids of all rows, concatenated (one slot per stored arc).</summary>
    public ReadOnlySpan<int> Targets => _targets;

    /// <summary>Weight per slot (all 1 when unweighted).</summary>
    public float SlotWeight(int slot) => _weights is null ? 1f : _weights[slot];

    /// <summary>Number of stored arcs (twice the edge count of an undirected graph, less its self-loops).</summary>
    public int SlotCount => _targets.Length;

    /// <summary>Edges: arcs of a directed graph, unordered pairs (self-loops once) of an undirected one.</summary>
    public long EdgeCount
    {
        get
        {
            if (IsDirected)
            {
                return _targets.Length;
            }
            long selfLoops = 0;
            for (int u = 0; u < NodeCount; u++)
            {
                if (HasEdge(u, u))
                {
                    selfLoops++;
                }
            }
            return (_targets.Length + selfLoops) / 2;
        }
    }

    /// <summary>Out-degree of u (for an undirected graph: its neighbour count, a self-loop counting once).</summary>
    public int Degree(int u) => _offsets[u + 1] - _offsets[u];

    /// <summary>Sorted neighbour ids of u.</summary>
    public ReadOnlySpan<int> Neighbors(int u) => _targets.AsSpan(_offsets[u], _offsets[u + 1] - _offsets[u]);

    /// <summary>Weights of u's neighbours (empty when the graph is unweighted).</summary>
    public ReadOnlySpan<float> NeighborWeights(int u) =>
        _weights is null ? ReadOnlySpan<float>.Empty : _weights.AsSpan(_offsets[u], _offsets[u + 1] - _offsets[u]);

    /// <summary>Slot of the arc u -&gt; v, or -1 (binary search in u's sorted row).</summary>
    public int FindSlot(int u, int v)
    {
        int i = Neighbors(u).BinarySearch(v);
        return i < 0 ? -1 : _offsets[u] + i;
    }

    /// <summary>True when the arc u -&gt; v is stored.</summary>
    public bool HasEdge(int u, int v) => FindSlot(u, v) >= 0;

    /// <summary>Out-degrees of all nodes.</summary>
    public int[] Degrees()
    {
        var d = new int[NodeCount];
        for (int u = 0; u < NodeCount; u++)
        {
            d[u] = Degree(u);
        }
        return d;
    }

    /// <summary>In-degrees (equal to <see cref="Degrees"/> for an undirected graph).</summary>
    public int[] InDegrees()
    {
        var d = new int[NodeCount];
        foreach (int v in _targets)
        {
            d[v]++;
        }
        return d;
    }

    /// <summary>Dense adjacency A[u, v] = weight of u -&gt; v (1 when unweighted), shape (n, n), row-major.</summary>
    public float[] DenseAdjacency()
    {
        if ((long)NodeCount * NodeCount > 1L << 28)
        {
            throw new InvalidOperationException($"a dense adjacency of {NodeCount} nodes would need {(long)NodeCount * NodeCount} floats");
        }
        var a = new float[NodeCount * NodeCount];
        for (int u = 0; u < NodeCount; u++)
        {
            for (int s = _offsets[u]; s < _offsets[u + 1]; s++)
            {
                a[u * NodeCount + _targets[s]] = SlotWeight(s);
            }
        }
        return a;
    }

    /// <summary>
    /// Edge list, shape (E, 2) row-major: every arc of a directed graph; each undirected edge once as (u, v) with
    /// u &lt;= v. Ordered by u, then v. <paramref name="weights"/> gets one weight per row (null when unweighted).
    /// </summary>
    public int[] EdgeList(out float[]? weights)
    {
        var pairs = new List<int>();
        var w = _weights is null ? null : new List<float>();
        for (int u = 0; u < NodeCount; u++)
        {
            for (int s = _offsets[u]; s < _offsets[u + 1]; s++)
            {
                int v = _targets[s];
                if (IsDirected || u <= v)
                {
                    pairs.Add(u);
                    pairs.Add(v);
                    w?.Add(_weights![s]);
                }
            }
        }
        weights = w?.ToArray();
        return pairs.ToArray();
    }

    /// <summary>Edge list without weights; see <see cref="EdgeList(out float[])"/>.</summary>
    public int[] EdgeList() => EdgeList(out _);

    /// <summary>All stored arcs (u, v), shape (SlotCount, 2): both directions of every undirected edge.</summary>
    public int[] ArcList()
    {
        var arcs = new int[_targets.Length * 2];
        for (int u = 0; u < NodeCount; u++)
        {
            for (int s = _offsets[u]; s < _offsets[u + 1]; s++)
            {
                arcs[2 * s] = u;
                arcs[2 * s + 1] = _targets[s];
            }
        }
        return arcs;
    }

    /// <summary>The same graph with node u renamed newIds[u]; newIds must be a permutation of 0..n-1.</summary>
    public Graph Relabel(ReadOnlySpan<int> newIds)
    {
        if (newIds.Length != NodeCount)
        {
            throw new ArgumentException($"relabelling needs {NodeCount} ids, got {newIds.Length}", nameof(newIds));
        }
        var seen = new bool[NodeCount];
        foreach (int id in newIds)
        {
            if ((uint)id >= (uint)NodeCount || seen[id])
            {
                throw new ArgumentException("the new ids are not a permutation of 0..n-1", nameof(newIds));
            }
            seen[id] = true;
        }
        var src = new int[_targets.Length];
        var dst = new int[_targets.Length];
        for (int u = 0; u < NodeCount; u++)
        {
            for (int s = _offsets[u]; s < _offsets[u + 1]; s++)
            {
                src[s] = newIds[u];
                dst[s] = newIds[_targets[s]];
            }
        }
        // Arcs are already both directions for undirected graphs: build as directed storage, keep the flag.
        return GraphBuilder.FromArcs(NodeCount, src, dst, _weights, IsDirected);
    }

    /// <summary>The undirected graph with an edge {u, v} wherever u -&gt; v or v -&gt; u (weights summed).</summary>
    public Graph ToUndirected()
    {
        if (!IsDirected)
        {
            return this;
        }
        var arcs = ArcList();
        var src = new int[_targets.Length];
        var dst = new int[_targets.Length];
        for (int s = 0; s < _targets.Length; s++)
        {
            src[s] = arcs[2 * s];
            dst[s] = arcs[2 * s + 1];
        }
        return GraphBuilder.FromEdges(NodeCount, src, dst, directed: false, _weights);
    }
}
