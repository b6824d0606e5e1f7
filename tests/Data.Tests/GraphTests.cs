using System.Text.Json;
using Trainer.Data.Graphs;
using Trainer.Data.Randomness;

namespace Trainer.Data.Tests;

public class GraphTests
{
    [Fact]
    public void Csr_rows_are_sorted_and_undirected_edges_are_stored_both_ways()
    {
        var g = GraphBuilder.FromEdges(4, [2, 0, 1, 0, 3], [1, 1, 2, 2, 3], directed: false);
        // (2,1) and (1,2) are one undirected edge; the self-loop (3,3) is stored once.
        Assert.Equal([0, 2, 4, 6, 7], g.Offsets.ToArray());
        Assert.Equal([1, 2, 0, 2, 0, 1, 3], g.Targets.ToArray());
        Assert.Equal(4, g.EdgeCount);
        Assert.True(g.HasEdge(2, 0) && g.HasEdge(0, 2) && g.HasEdge(3, 3) && !g.HasEdge(0, 3));
        Assert.Equal([0, 1, 0, 2, 1, 2, 3, 3], g.EdgeList());
    }

    [Fact]
    public void Weights_of_repeated_edges_are_summed_and_exported_densely()
    {
        var g = GraphBuilder.FromEdges(3, [0, 1, 0], [1, 2, 1], directed: true, [1f, 2f, 0.5f]);
        float[] a = g.DenseAdjacency();
        Assert.Equal(1.5f, a[0 * 3 + 1]);
        Assert.Equal(2f, a[1 * 3 + 2]);
        Assert.Equal(0f, a[1 * 3 + 0]);
        Assert.Equal(2, g.EdgeCount);
    }

    [Fact]
    public void Relabelling_maps_every_edge_through_the_permutation()
    {
        var g = GraphFamilies.Grid(3, 4);
        int[] perm = Sampling.Permutation(new Rng(1), g.NodeCount);
        var h = g.Relabel(perm);
        Assert.Equal(g.EdgeCount, h.EdgeCount);
        var e = g.EdgeList();
        for (int i = 0; i < e.Length; i += 2)
        {
            Assert.True(h.HasEdge(perm[e[i]], perm[e[i + 1]]));
        }
        Assert.Equal(g.Degrees().Order(), h.Degrees().Order());
    }

    [Fact]
    public void Fixed_families_have_their_textbook_sizes()
    {
        var grid = GraphFamilies.Grid(4, 5);
        Assert.Equal(4 * 4 + 5 * 3, grid.EdgeCount);
        Assert.True(grid.HasEdge(0, 1) && grid.HasEdge(0, 5) && !grid.HasEdge(4, 5));
        var cycle = GraphFamilies.Cycle(15);
        Assert.All(cycle.Degrees(), d => Assert.Equal(2, d));
        Assert.Equal(7, GraphAlgorithms.BfsDistances(cycle, 0).Max());
        var irregular = GraphFamilies.Irregular16();
        Assert.Equal(16, irregular.NodeCount);
        Assert.Equal(20, irregular.EdgeCount);
        Assert.True(irregular.HasEdge(15, 12) && irregular.HasEdge(0, 11));
        // As listed, nodes 12..15 form a K4 apart from the 12-node rest.
        var components = GraphAlgorithms.ConnectedComponents(irregular);
        Assert.Equal([12, 4], components.Sizes());
    }

    [Theory]
    [InlineData(5, 6, 1)]
    [InlineData(3, 4, 2)]
    [InlineData(10_000, 10, 1)]
    public void Path_star_arms_have_path_length_nodes_and_follow_forward_edges(int degree, int pathLength, int subtree)
    {
        var ps = PathStarGraph.Build(degree, pathLength, subtree, new Rng(3));
        Assert.Equal(PathStarGraph.CountNodes(degree, pathLength, subtree), ps.NodeCount);
        if (subtree == 1)
        {
            Assert.Equal(degree * (pathLength - 1) + 1, ps.NodeCount);
        }
        Assert.Equal(degree * (long)Math.Pow(subtree, pathLength - 2), ps.PathCount);
        Assert.Equal(ps.NodeCount - 1, ps.ForwardEdges.Length / 2);
        var parent = new Dictionary<int, int>();
        for (int i = 0; i < ps.ForwardEdges.Length; i += 2)
        {
            parent.Add(ps.ForwardEdges[i + 1], ps.ForwardEdges[i]);
        }
        var leaves = new HashSet<int>();
        int broken = 0;
        for (int p = 0; p < ps.PathCount; p++)
        {
            var path = ps.Path(p);
            broken += path[0] == ps.Root ? 0 : 1;
            for (int k = 1; k < path.Length; k++)
            {
                broken += parent[path[k]] == path[k - 1] ? 0 : 1;
            }
            broken += ps.Graph.Degree(path[^1]) == 1 && leaves.Add(path[^1]) ? 0 : 1;
        }
        Assert.Equal(0, broken);
        var dist = GraphAlgorithms.BfsDistances(ps.Graph, ps.Root);
        Assert.Equal(pathLength - 1, dist.Max());
        Assert.Equal(degree, ps.Graph.Degree(ps.Root));
    }

    [Fact]
    public void Identity_ids_put_the_root_at_zero_and_number_arms_consecutively()
    {
        var ps = PathStarGraph.Build(4, 5);
        Assert.Equal(0, ps.Root);
        Assert.Equal([0, 1, 2, 3, 4], ps.Path(0).ToArray());
        Assert.Equal([0, 13, 14, 15, 16], ps.Path(3).ToArray());
    }

    [Fact]
    public void Erdos_Renyi_edge_counts_match_the_binomial_mean()
    {
        const int n = 2000;
        const double p = 0.005;
        var g = GraphFamilies.ErdosRenyi(n, p, new Rng(5));
        double mean = p * n * (n - 1) / 2;
        double sd = Math.Sqrt(mean * (1 - p));
        Assert.InRange(g.EdgeCount, mean - 5 * sd, mean + 5 * sd);
        Assert.All(Enumerable.Range(0, n), u => Assert.False(g.HasEdge(u, u)));
        var d = GraphFamilies.ErdosRenyi(300, 0.02, new Rng(6), directed: true);
        double dm = 0.02 * 300 * 299;
        Assert.InRange(d.EdgeCount, dm - 5 * Math.Sqrt(dm), dm + 5 * Math.Sqrt(dm));
        Assert.Equal(300 * 299 / 2, GraphFamilies.ErdosRenyi(300, 1.0, new Rng(1)).EdgeCount);
    }

    [Fact]
    public void Stochastic_block_model_is_dense_inside_and_sparse_between_blocks()
    {
        int[] sizes = [150, 100];
        var g = GraphFamilies.StochasticBlockModel(sizes, 0.2, 0.01, new Rng(7));
        var block = GraphFamilies.BlockLabels(sizes);
        long inside = 0;
        long between = 0;
        var e = g.EdgeList();
        for (int i = 0; i < e.Length; i += 2)
        {
            if (block[e[i]] == block[e[i + 1]])
            {
                inside++;
            }
            else
            {
                between++;
            }
        }
        double insideMean = 0.2 * (150 * 149 / 2 + 100 * 99 / 2);
        double betweenMean = 0.01 * 150 * 100;
        Assert.InRange(inside, insideMean - 5 * Math.Sqrt(insideMean), insideMean + 5 * Math.Sqrt(insideMean));
        Assert.InRange(between, betweenMean - 5 * Math.Sqrt(betweenMean), betweenMean + 5 * Math.Sqrt(betweenMean));
    }

    [NetworkxFact]
    public void Bfs_distances_and_components_agree_with_networkx_on_random_graphs()
    {
        const string script = """
            import json, sys
            import networkx as nx
            d = json.load(sys.stdin)
            out = []
            for g in d:
                G = nx.DiGraph() if g["directed"] else nx.Graph()
                G.add_nodes_from(range(g["n"]))
                G.add_edges_from(zip(g["edges"][0::2], g["edges"][1::2]))
                dist = [[-1] * g["n"] for _ in range(g["n"])]
                for s, lengths in nx.all_pairs_shortest_path_length(G):
                    for t, l in lengths.items():
                        dist[s][t] = l
                comps = nx.weakly_connected_components(G) if g["directed"] else nx.connected_components(G)
                out.append({"dist": dist, "components": sorted(sorted(c) for c in comps)})
            json.dump(out, sys.stdout)
            """;
        var graphs = new[]
        {
            GraphFamilies.ErdosRenyi(80, 0.025, new Rng(11)),
            GraphFamilies.ErdosRenyi(60, 0.03, new Rng(12), directed: true),
            GraphFamilies.StochasticBlockModel([20, 20, 20], 0.15, 0.004, new Rng(13)),
        };
        string input = JsonSerializer.Serialize(graphs.Select(g => new { n = g.NodeCount, directed = g.IsDirected, edges = g.EdgeList() }));
        using var reference = JsonDocument.Parse(NetworkxFactAttribute.RunPython(script, input));
        for (int k = 0; k < graphs.Length; k++)
        {
            var g = graphs[k];
            var expected = reference.RootElement[k];
            int[] dist = GraphAlgorithms.AllPairsDistances(g);
            for (int s = 0; s < g.NodeCount; s++)
            {
                var row = expected.GetProperty("dist")[s].EnumerateArray().Select(x => x.GetInt32()).ToArray();
                Assert.Equal(row, dist.AsSpan(s * g.NodeCount, g.NodeCount).ToArray());
                Assert.Equal(row, GraphAlgorithms.BfsDistances(g, s));
            }
            var labels = GraphAlgorithms.ConnectedComponents(g);
            var ours = Enumerable.Range(0, g.NodeCount).GroupBy(u => labels.Labels[u]).Select(c => c.ToArray()).OrderBy(c => c[0]).ToArray();
            var theirs = expected.GetProperty("components").EnumerateArray().Select(c => c.EnumerateArray().Select(x => x.GetInt32()).ToArray()).ToArray();
            Assert.True(theirs.Length > 1, "the reference graph should have several components");
            Assert.Equal(theirs.Length, labels.Count);
            Assert.Equal(theirs, ours);
        }
    }
}
