using Trainer.Data.Graphs;

namespace Trainer.Training.Probes;

/// <summary>
/// Where each node sits in its graph, read off the graph alone (ids may be permuted): the root is the graph's
/// center (least eccentricity; ties to the larger degree, then the smaller id), <see cref="Depth"/> is the hop
/// distance from it, and on a tree whose root has at least two neighbours (path-star, star-tree) every other node
/// belongs to the <see cref="Arm"/> of the root's neighbour it hangs from (arms numbered by that neighbour's id).
/// Off trees, arms are -1 and <see cref="HasArms"/> is false.
/// </summary>
/// <remarks>
/// Example: the path-star 0 - 1 - 2, 0 - 3 - 4 has root 0, arms [-1, 0, 0, 1, 1], depths [0, 1, 2, 1, 2],
/// leaves [2, 4]. The center of a path-star with equal arms is its root.
/// </remarks>
public sealed record NodeRoles(int Root, int[] Arm, int[] Depth, int[] Degree, int ArmCount)
{
    /// <summary>Graphs above this size take node 0 as the root instead of computing eccentricities.</summary>
    public const int CenterSearchLimit = 4096;

    /// <summary>True on star-like trees (every non-root node has an arm).</summary>
    public bool HasArms => ArmCount >= 2;

    /// <summary>Nodes of degree 1 other than the root (the path ends of a path-star).</summary>
    public int[] Leaves() => Enumerable.Range(0, Degree.Length).Where(u => u != Root && Degree[u] == 1).ToArray();

    /// <summary>The roles of <paramref name="graph"/>'s nodes.</summary>
    public static NodeRoles Of(Graph graph)
    {
        int n = graph.NodeCount;
        int[] degree = new int[n];
        for (int u = 0; u < n; u++)
        {
            degree[u] = OtherNeighbours(graph, u).Count();
        }

        int root = n == 0 ? -1 : FindCenter(graph, degree);
        int[] depth = root < 0 ? [] : GraphAlgorithms.BfsDistances(graph, root);
        int[] arm = Enumerable.Repeat(-1, n).ToArray();
        int arms = 0;
        if (root >= 0 && IsTree(graph, depth))
        {
            foreach (int first in OtherNeighbours(graph, root))
            {
                MarkArm(graph, first, root, arms, arm);
                arms++;
            }
        }

        if (arms < 2)
        {
            Array.Fill(arm, -1);
            arms = 0;
        }

        return new NodeRoles(root, arm, depth, degree, arms);
    }

    private static IEnumerable<int> OtherNeighbours(Graph graph, int u)
    {
        var list = new List<int>();
        foreach (int v in graph.Neighbors(u))
        {
            if (v != u)
            {
                list.Add(v);
            }
        }

        return list;
    }

    // A connected graph with n - 1 edges (self-loops ignored) is a tree.
    private static bool IsTree(Graph graph, int[] depthFromRoot)
    {
        if (graph.IsDirected || depthFromRoot.Any(d => d < 0))
        {
            return false;
        }

        long edges = 0;
        for (int u = 0; u < graph.NodeCount; u++)
        {
            edges += OtherNeighbours(graph, u).Count();
        }

        return edges / 2 == graph.NodeCount - 1;
    }

    private static int FindCenter(Graph graph, int[] degree)
    {
        int n = graph.NodeCount;
        if (n > CenterSearchLimit)
        {
            return 0;
        }

        int best = 0;
        int bestEcc = int.MaxValue;
        for (int u = 0; u < n; u++)
        {
            int[] d = GraphAlgorithms.BfsDistances(graph, u);
            int ecc = d.Any(x => x < 0) ? int.MaxValue - 1 : d.Max();
            if (ecc < bestEcc || (ecc == bestEcc && degree[u] > degree[best]))
            {
                best = u;
                bestEcc = ecc;
            }
        }

        return best;
    }

    private static void MarkArm(Graph graph, int first, int root, int armId, int[] arm)
    {
        var stack = new Stack<int>();
        stack.Push(first);
        arm[first] = armId;
        while (stack.Count > 0)
        {
            int u = stack.Pop();
            foreach (int v in graph.Neighbors(u))
            {
                if (v != root && arm[v] < 0)
                {
                    arm[v] = armId;
                    stack.Push(v);
                }
            }
        }
    }
}
