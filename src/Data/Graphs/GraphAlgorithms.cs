namespace Trainer.Data.Graphs;

/// <summary>Connected components: a label per node (0..Count-1, numbered by smallest member) and the count.</summary>
/// <param name="Count">Number of components.</param>
/// <param name="Labels">Component of each node.</param>
public sealed record ComponentLabels(int Count, int[] Labels)
{
    /// <summary>Number of nodes in each component.</summary>
    public int[] Sizes()
    {
        var sizes = new int[Count];
        foreach (int c in Labels)
        {
            sizes[c]++;
        }
        return sizes;
    }
}

/// <summary>
/// Unweighted shortest paths and connectivity on <see cref="Graph"/>.
/// </summary>
/// <remarks>
/// Example: on the cycle 0 - 1 - 2 - 3 - 0, <c>BfsDistances(g, 0)</c> is [0, 1, 2, 1]; on two disjoint edges
/// {0, 1}, {2, 3}, <c>ConnectedComponents</c> gives Count = 2 and Labels = [0, 0, 1, 1].
/// </remarks>
public static class GraphAlgorithms
{
    /// <summary>Largest n for which <see cref="AllPairsDistances"/> builds its n x n table.</summary>
    public const int AllPairsLimit = 8192;

    /// <summary>Hop distance from <paramref name="source"/> along out-arcs; -1 where unreachable.</summary>
    public static int[] BfsDistances(Graph graph, int source)
    {
        var dist = new int[graph.NodeCount];
        var queue = new int[graph.NodeCount];
        Bfs(graph, source, dist, queue);
        return dist;
    }

    /// <summary>
    /// Distances between all pairs, shape (n, n) row-major: D[u, v] = hops from u to v, -1 where unreachable.
    /// One BFS per source, O(n (n + E)); only for n &lt;= <see cref="AllPairsLimit"/>.
    /// </summary>
    public static int[] AllPairsDistances(Graph graph)
    {
        int n = graph.NodeCount;
        if (n > AllPairsLimit)
        {
            throw new InvalidOperationException($"all-pairs distances are limited to {AllPairsLimit} nodes; the graph has {n}");
        }
        var all = new int[n * n];
        var queue = new int[n];
        for (int s = 0; s < n; s++)
        {
            Bfs(graph, s, all.AsSpan(s * n, n), queue);
        }
        return all;
    }

    /// <summary>
    /// Connected components; for a directed graph the weakly connected ones (arc directions ignored).
    /// Union-find with path halving; labels numbered in order of each component's smallest node.
    /// </summary>
    public static ComponentLabels ConnectedComponents(Graph graph)
    {
        int n = graph.NodeCount;
        var parent = new int[n];
        for (int i = 0; i < n; i++)
        {
            parent[i] = i;
        }
        var offsets = graph.Offsets;
        var targets = graph.Targets;
        for (int u = 0; u < n; u++)
        {
            for (int s = offsets[u]; s < offsets[u + 1]; s++)
            {
                int a = Find(parent, u);
                int b = Find(parent, targets[s]);
                if (a != b)
                {
                    parent[Math.Max(a, b)] = Math.Min(a, b);
                }
            }
        }
        var labels = new int[n];
        var labelOfRoot = new int[n];
        Array.Fill(labelOfRoot, -1);
        int count = 0;
        for (int u = 0; u < n; u++)
        {
            int r = Find(parent, u);
            if (labelOfRoot[r] < 0)
            {
                labelOfRoot[r] = count++;
            }
            labels[u] = labelOfRoot[r];
        }
        return new ComponentLabels(count, labels);
    }

    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void Bfs(Graph graph, int source, Span<int> dist, int[] queue)
    {
        if ((uint)source >= (uint)graph.NodeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(source), source, $"the graph has nodes 0..{graph.NodeCount - 1}");
        }
        dist.Fill(-1);
        var offsets = graph.Offsets;
        var targets = graph.Targets;
        int head = 0;
        int tail = 0;
        dist[source] = 0;
        queue[tail++] = source;
        while (head < tail)
        {
            int u = queue[head++];
            int next = dist[u] + 1;
            for (int s = offsets[u]; s < offsets[u + 1]; s++)
            {
                int v = targets[s];
                if (dist[v] < 0)
                {
                    dist[v] = next;
                    queue[tail++] = v;
                }
            }
        }
    }
}
