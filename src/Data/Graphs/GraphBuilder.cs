namespace Trainer.Data.Graphs;

/// <summary>
/// Builds <see cref="Graph"/> CSR arrays from edge lists: counting sort by source, then each row sorted by target.
/// Repeated edges are merged into one (their weights summed); self-loops are kept.
/// </summary>
/// <remarks>
/// Example: <c>FromEdges(3, [0, 1], [1, 2], directed: false)</c> is the path 0 - 1 - 2 with Targets [1, 0, 2, 1].
/// </remarks>
public static class GraphBuilder
{
    /// <summary>
    /// Graph on n nodes with edges src[i] - dst[i]. Undirected graphs store each edge in both rows.
    /// <paramref name="weights"/> is empty for an unweighted graph, else one weight per edge.
    /// </summary>
    public static Graph FromEdges(int n, ReadOnlySpan<int> src, ReadOnlySpan<int> dst, bool directed, ReadOnlySpan<float> weights = default)
    {
        if (src.Length != dst.Length)
        {
            throw new ArgumentException($"{src.Length} sources but {dst.Length} targets", nameof(dst));
        }
        bool weighted = !weights.IsEmpty;
        if (weighted && weights.Length != src.Length)
        {
            throw new ArgumentException($"{src.Length} edges but {weights.Length} weights", nameof(weights));
        }
        if (directed)
        {
            return FromArcs(n, src, dst, weighted ? weights.ToArray() : null, directed: true);
        }
        int arcs = 0;
        for (int i = 0; i < src.Length; i++)
        {
            arcs += src[i] == dst[i] ? 1 : 2;
        }
        var s2 = new int[arcs];
        var d2 = new int[arcs];
        var w2 = weighted ? new float[arcs] : null;
        int k = 0;
        for (int i = 0; i < src.Length; i++)
        {
            s2[k] = src[i];
            d2[k] = dst[i];
            if (w2 is not null)
            {
                w2[k] = weights[i];
            }
            k++;
            if (src[i] != dst[i])
            {
                s2[k] = dst[i];
                d2[k] = src[i];
                if (w2 is not null)
                {
                    w2[k] = weights[i];
                }
                k++;
            }
        }
        return FromArcs(n, s2, d2, w2, directed: false);
    }

    /// <summary>Graph from a flat (E, 2) edge array as produced by <see cref="Graph.EdgeList()"/>.</summary>
    public static Graph FromEdgeArray(int n, ReadOnlySpan<int> pairs, bool directed, ReadOnlySpan<float> weights = default)
    {
        if (pairs.Length % 2 != 0)
        {
            throw new ArgumentException("an edge array has two ids per edge", nameof(pairs));
        }
        var src = new int[pairs.Length / 2];
        var dst = new int[pairs.Length / 2];
        for (int i = 0; i < src.Length; i++)
        {
            src[i] = pairs[2 * i];
            dst[i] = pairs[2 * i + 1];
        }
        return FromEdges(n, src, dst, directed, weights);
    }

    /// <summary>CSR from arcs taken as given (no mirroring), rows sorted, duplicates merged.</summary>
    internal static Graph FromArcs(int n, ReadOnlySpan<int> src, ReadOnlySpan<int> dst, float[]? weights, bool directed)
    {
        if (n < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "the node count must be non-negative");
        }
        var offsets = new int[n + 1];
        for (int i = 0; i < src.Length; i++)
        {
            if ((uint)src[i] >= (uint)n || (uint)dst[i] >= (uint)n)
            {
                throw new ArgumentException($"edge ({src[i]}, {dst[i]}) has a node outside 0..{n - 1}");
            }
            offsets[src[i] + 1]++;
        }
        for (int u = 0; u < n; u++)
        {
            offsets[u + 1] += offsets[u];
        }
        var cursor = offsets[..n];
        var targets = new int[src.Length];
        var w = weights is null ? null : new float[src.Length];
        for (int i = 0; i < src.Length; i++)
        {
            int slot = cursor[src[i]]++;
            targets[slot] = dst[i];
            if (w is not null)
            {
                w[slot] = weights![i];
            }
        }
        for (int u = 0; u < n; u++)
        {
            int len = offsets[u + 1] - offsets[u];
            if (w is null)
            {
                Array.Sort(targets, offsets[u], len);
            }
            else
            {
                Array.Sort(targets, w, offsets[u], len);
            }
        }
        return MergeDuplicates(n, directed, offsets, targets, w);
    }

    private static Graph MergeDuplicates(int n, bool directed, int[] offsets, int[] targets, float[]? w)
    {
        var newOffsets = new int[n + 1];
        int k = 0;
        for (int u = 0; u < n; u++)
        {
            int rowStart = k;
            for (int s = offsets[u]; s < offsets[u + 1]; s++)
            {
                if (k > rowStart && targets[k - 1] == targets[s])
                {
                    if (w is not null)
                    {
                        w[k - 1] += w[s];
                    }
                    continue;
                }
                targets[k] = targets[s];
                if (w is not null)
                {
                    w[k] = w[s];
                }
                k++;
            }
            newOffsets[u + 1] = k;
        }
        if (k != targets.Length)
        {
            Array.Resize(ref targets, k);
            if (w is not null)
            {
                Array.Resize(ref w, k);
            }
        }
        return new Graph(n, directed, newOffsets, targets, w);
    }
}
