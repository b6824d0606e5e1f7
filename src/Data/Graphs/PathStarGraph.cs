using Trainer.Data.Randomness;

namespace Trainer.Data.Graphs;

/// <summary>
/// A path-star graph (root with <c>degree</c> arms; every root-to-leaf path has <c>pathLength</c> nodes including
/// the root, so degree * (pathLength - 1) + 1 nodes) or, with <c>subtreeDegree</c> s &gt; 1, a star-tree whose
/// arms branch: each arm starts with one child of the root and every node at depth 1..pathLength-2 has s
/// children, so an arm holds (s^(L-1) - 1) / (s - 1) nodes and degree * s^(L-2) leaves.
/// </summary>
/// <remarks>
/// Ids are handed out in build order (root, then arm by arm, each arm breadth first) from the identity, or from
/// a random permutation when node ids are randomised (as the paper's <c>randomize_node_ids</c>).
/// Example without randomisation, degree 2, pathLength 3: root 0, arms 0 -&gt; 1 -&gt; 2 and 0 -&gt; 3 -&gt; 4;
/// ForwardEdges = [(0,1), (1,2), (0,3), (3,4)], Paths = [[0, 1, 2], [0, 3, 4]], leaves 2 and 4.
/// With subtreeDegree 2, degree 1, pathLength 3: 0 -&gt; 1, 1 -&gt; 2, 1 -&gt; 3; Paths = [[0, 1, 2], [0, 1, 3]].
/// </remarks>
public sealed class PathStarGraph
{
    private PathStarGraph(int degree, int pathLength, int subtreeDegree, int nodeCount, int root, int[] forwardEdges, int[] paths)
    {
        Degree = degree;
        PathLength = pathLength;
        SubtreeDegree = subtreeDegree;
        NodeCount = nodeCount;
        Root = root;
        ForwardEdges = forwardEdges;
        Paths = paths;
        Graph = GraphBuilder.FromEdgeArray(nodeCount, forwardEdges, directed: false);
    }

    /// <summary>Number of arms at the root.</summary>
    public int Degree { get; }

    /// <summary>Nodes per root-to-leaf path, root included.</summary>
    public int PathLength { get; }

    /// <summary>Children per inner arm node (1 for a plain path-star).</summary>
    public int SubtreeDegree { get; }

    /// <summary>Total nodes.</summary>
    public int NodeCount { get; }

    /// <summary>Id of the root.</summary>
    public int Root { get; }

    /// <summary>Parent -&gt; child edges, shape (NodeCount - 1, 2), in build order.</summary>
    public int[] ForwardEdges { get; }

    /// <summary>Root-to-leaf paths, shape (PathCount, PathLength) row-major; row i ends at leaf i.</summary>
    public int[] Paths { get; }

    /// <summary>Number of root-to-leaf paths (= leaves).</summary>
    public int PathCount => Paths.Length / PathLength;

    /// <summary>The undirected graph of the tree.</summary>
    public Graph Graph { get; }

    /// <summary>Path i as a span root, n1, ..., leaf.</summary>
    public ReadOnlySpan<int> Path(int i) => Paths.AsSpan(i * PathLength, PathLength);

    /// <summary>Node count of a path-star or star-tree with these parameters.</summary>
    public static long CountNodes(int degree, int pathLength, int subtreeDegree)
    {
        long perArm = 0;
        long level = 1;
        for (int depth = 1; depth < pathLength; depth++)
        {
            perArm += level;
            level *= subtreeDegree;
        }
        return 1 + degree * perArm;
    }

    /// <summary>
    /// Builds the graph. <paramref name="idRng"/> null keeps identity ids (root 0); otherwise ids come from a
    /// random permutation drawn from it.
    /// </summary>
    public static PathStarGraph Build(int degree, int pathLength, int subtreeDegree = 1, Rng? idRng = null)
    {
        if (degree < 1)
        {
            throw new ArgumentException($"degree must be >= 1, got {degree}", nameof(degree));
        }
        if (pathLength < 2)
        {
            throw new ArgumentException($"path_length must be >= 2, got {pathLength}", nameof(pathLength));
        }
        if (subtreeDegree < 1)
        {
            throw new ArgumentException($"subtree_degree must be >= 1, got {subtreeDegree}", nameof(subtreeDegree));
        }
        long count = CountNodes(degree, pathLength, subtreeDegree);
        if (count > 50_000_000)
        {
            throw new ArgumentException($"a graph of {count} nodes is too large (limit 5e7)");
        }
        int n = (int)count;
        int[] ids = idRng is null ? Enumerable.Range(0, n).ToArray() : Sampling.Permutation(idRng, n);
        int cursor = 0;
        int root = ids[cursor++];
        var edges = new int[2 * (n - 1)];
        int e = 0;
        var parent = new int[n];
        parent[root] = -1;
        var leaves = new List<int>();
        var frontier = new List<int>();
        var next = new List<int>();
        for (int arm = 0; arm < degree; arm++)
        {
            int first = ids[cursor++];
            parent[first] = root;
            edges[e++] = root;
            edges[e++] = first;
            frontier.Clear();
            frontier.Add(first);
            for (int depth = 2; depth < pathLength; depth++)
            {
                next.Clear();
                foreach (int node in frontier)
                {
                    for (int c = 0; c < subtreeDegree; c++)
                    {
                        int child = ids[cursor++];
                        parent[child] = node;
                        edges[e++] = node;
                        edges[e++] = child;
                        next.Add(child);
                    }
                }
                (frontier, next) = (next, frontier);
            }
            leaves.AddRange(frontier);
        }
        // Each path is read back from its leaf through the parents.
        var paths = new int[(long)leaves.Count * pathLength];
        for (int i = 0; i < leaves.Count; i++)
        {
            int node = leaves[i];
            for (int k = pathLength - 1; k >= 0; k--)
            {
                paths[(long)i * pathLength + k] = node;
                node = k > 0 ? parent[node] : node;
            }
        }
        return new PathStarGraph(degree, pathLength, subtreeDegree, n, root, edges, paths);
    }
}
