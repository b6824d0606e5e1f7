using Trainer.Data.Randomness;

namespace Trainer.Data.Graphs;

/// <summary>
/// Fixed and random undirected graph families: grid, cycle, the 16-node irregular graph of the tiny-graph
/// experiments, Erdos-Renyi G(n, p) and the stochastic block model. Path-star and star-tree graphs are in
/// <see cref="PathStarGraph"/>.
/// </summary>
/// <remarks>
/// Example: <c>Grid(2, 3)</c> numbers nodes row-major, id = row * cols + col:
/// <code>
/// 0 - 1 - 2
/// |   |   |
/// 3 - 4 - 5
/// </code>
/// with edges (0,1) (1,2) (3,4) (4,5) (0,3) (1,4) (2,5).
/// </remarks>
public static class GraphFamilies
{
    /// <summary>
    /// The fixed 16-node, 20-edge irregular graph of the geometric-memory tiny-graph experiments (paper digest
    /// section 3.3), in the order listed there.
    /// </summary>
    public static readonly IReadOnlyList<(int U, int V)> IrregularEdges =
    [
        (12, 15), (5, 8), (5, 6), (8, 9), (7, 8), (1, 3), (13, 14), (13, 15), (12, 14), (12, 13),
        (1, 2), (4, 5), (3, 4), (10, 11), (0, 1), (2, 3), (6, 7), (11, 0), (9, 10), (14, 15),
    ];

    /// <summary>rows x cols 4-neighbour grid, node id = row * cols + col.</summary>
    public static Graph Grid(int rows, int cols)
    {
        Require(rows >= 1 && cols >= 1, $"a grid needs rows >= 1 and cols >= 1, got {rows} x {cols}");
        var src = new List<int>();
        var dst = new List<int>();
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                int id = r * cols + c;
                if (c + 1 < cols)
                {
                    src.Add(id);
                    dst.Add(id + 1);
                }
                if (r + 1 < rows)
                {
                    src.Add(id);
                    dst.Add(id + cols);
                }
            }
        }
        return GraphBuilder.FromEdges(rows * cols, src.ToArray(), dst.ToArray(), directed: false);
    }

    /// <summary>Cycle 0 - 1 - ... - (n-1) - 0, n &gt;= 3.</summary>
    public static Graph Cycle(int n)
    {
        Require(n >= 3, $"a cycle needs at least 3 nodes, got {n}");
        var src = new int[n];
        var dst = new int[n];
        for (int i = 0; i < n; i++)
        {
            src[i] = i;
            dst[i] = (i + 1) % n;
        }
        return GraphBuilder.FromEdges(n, src, dst, directed: false);
    }

    /// <summary>The fixed irregular graph: 16 nodes, the 20 undirected edges of <see cref="IrregularEdges"/>.</summary>
    public static Graph Irregular16()
    {
        var src = IrregularEdges.Select(e => e.U).ToArray();
        var dst = IrregularEdges.Select(e => e.V).ToArray();
        return GraphBuilder.FromEdges(16, src, dst, directed: false);
    }

    /// <summary>
    /// Erdos-Renyi G(n, p): each of the n(n-1)/2 pairs (n(n-1) arcs when directed) is an edge with probability p,
    /// independently; no self-loops. Geometric skipping (Batagelj and Brandes 2005) jumps floor(ln u / ln(1-p))
    /// pairs between edges, so the cost is O(n + E), not O(n^2).
    /// </summary>
    public static Graph ErdosRenyi(int n, double p, Rng rng, bool directed = false)
    {
        Require(n >= 1, $"G(n, p) needs n >= 1, got {n}");
        Require(p >= 0 && p <= 1, $"G(n, p) needs 0 <= p <= 1, got {p}");
        var src = new List<int>();
        var dst = new List<int>();
        if (directed)
        {
            long arcs = (long)n * (n - 1);
            SkipSample(arcs, p, rng, k =>
            {
                int u = (int)(k / (n - 1));
                int j = (int)(k % (n - 1));
                src.Add(u);
                dst.Add(j < u ? j : j + 1);
            });
        }
        else
        {
            SkipSampleLowerTriangle(0, n, p, rng, src, dst);
        }
        return GraphBuilder.FromEdges(n, src.ToArray(), dst.ToArray(), directed);
    }

    /// <summary>
    /// Stochastic block model: blocks of the given sizes laid out consecutively (block 0 holds nodes
    /// 0..sizes[0]-1, ...); two nodes in the same block are joined with probability pIn, in different blocks with
    /// probability pOut. Undirected, no self-loops; geometric skipping per block pair.
    /// </summary>
    public static Graph StochasticBlockModel(IReadOnlyList<int> sizes, double pIn, double pOut, Rng rng)
    {
        Require(sizes.Count >= 1 && sizes.All(s => s >= 1), "every SBM block needs at least one node");
        Require(pIn >= 0 && pIn <= 1 && pOut >= 0 && pOut <= 1, $"SBM probabilities must lie in [0, 1], got p_in {pIn}, p_out {pOut}");
        var start = new int[sizes.Count + 1];
        for (int b = 0; b < sizes.Count; b++)
        {
            start[b + 1] = start[b] + sizes[b];
        }
        var src = new List<int>();
        var dst = new List<int>();
        for (int a = 0; a < sizes.Count; a++)
        {
            SkipSampleLowerTriangle(start[a], sizes[a], pIn, rng, src, dst);
            for (int b = a + 1; b < sizes.Count; b++)
            {
                int sa = start[a];
                int sb = start[b];
                int nb = sizes[b];
                SkipSample((long)sizes[a] * nb, pOut, rng, k =>
                {
                    src.Add(sa + (int)(k / nb));
                    dst.Add(sb + (int)(k % nb));
                });
            }
        }
        return GraphBuilder.FromEdges(start[^1], src.ToArray(), dst.ToArray(), directed: false);
    }

    /// <summary>Block id of every node of an SBM with the given block sizes.</summary>
    public static int[] BlockLabels(IReadOnlyList<int> sizes)
    {
        var labels = new int[sizes.Sum()];
        int k = 0;
        for (int b = 0; b < sizes.Count; b++)
        {
            for (int i = 0; i < sizes[b]; i++)
            {
                labels[k++] = b;
            }
        }
        return labels;
    }

    // Visits each index in [0, total) independently with probability p, jumping geometric gaps.
    private static void SkipSample(long total, double p, Rng rng, Action<long> visit)
    {
        if (p <= 0 || total <= 0)
        {
            return;
        }
        if (p >= 1)
        {
            for (long k = 0; k < total; k++)
            {
                visit(k);
            }
            return;
        }
        double logQ = DetMath.Log1p(-p);
        long i = -1;
        while (true)
        {
            double gap = Math.Floor(DetMath.Log(rng.NextDoubleOpen()) / logQ);
            if (gap >= total - i - 1)
            {
                return;
            }
            i += 1 + (long)gap;
            visit(i);
        }
    }

    // Batagelj-Brandes over the pairs (v, w), w < v, of nodes offset..offset+n-1.
    private static void SkipSampleLowerTriangle(int offset, int n, double p, Rng rng, List<int> src, List<int> dst)
    {
        long pairs = (long)n * (n - 1) / 2;
        int v = 1;
        long passed = 0;
        SkipSample(pairs, p, rng, k =>
        {
            // Pairs are enumerated row by row: row v holds (v, 0..v-1); advance to the row containing k.
            while (k >= passed + v)
            {
                passed += v;
                v++;
            }
            src.Add(offset + v);
            dst.Add(offset + (int)(k - passed));
        });
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
