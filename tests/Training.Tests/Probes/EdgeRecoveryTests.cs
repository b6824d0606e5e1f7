using Trainer.Data.Graphs;
using Trainer.Training.Probes;

namespace Trainer.Training.Tests.Probes;

public class EdgeRecoveryTests
{
    private static ScoreMatrix AdjacencyScores(Graph graph, float sign = 1)
    {
        int n = graph.NodeCount;
        var s = new float[n * n];
        for (int u = 0; u < n; u++)
        {
            foreach (int v in graph.Neighbors(u))
            {
                s[(u * n) + v] = sign;
            }
        }

        return new ScoreMatrix(s, n, excludesSelf: false);
    }

    [Fact]
    public void A_scorer_that_returns_the_adjacency_row_recovers_every_edge()
    {
        Graph graph = GraphFamilies.Grid(4, 5);
        EdgeRecoveryResult r = new EdgeRecoveryProbe().Run(AdjacencyScores(graph), graph);
        Assert.Equal(1.0, r.TopKRecovery);
        Assert.Equal(1.0, r.Top1Accuracy);
        Assert.Equal(2 * ((4 * 4) + (3 * 5)), r.DirectedEdges);
        Assert.Equal(20, r.Nodes);
    }

    [Fact]
    public void A_scorer_that_ranks_neighbours_last_recovers_nothing()
    {
        Graph graph = SyntheticEmbeddings.PathStar(3, 5);
        EdgeRecoveryResult r = new EdgeRecoveryProbe().Run(AdjacencyScores(graph, sign: -1), graph);
        Assert.Equal(0.0, r.TopKRecovery);
        Assert.Equal(0.0, r.Top1Accuracy);
    }

    [Fact]
    public void Top_k_counts_the_share_of_directed_edges_found()
    {
        // Path 0 - 1 - 2 - 3; every node's single best answer is node (u + 1) mod 4.
        Graph graph = GraphBuilder.FromEdgeArray(4, [0, 1, 1, 2, 2, 3], directed: false);
        var s = new float[16];
        for (int u = 0; u < 4; u++)
        {
            s[(u * 4) + ((u + 1) % 4)] = 1;
        }

        EdgeRecoveryResult r = new EdgeRecoveryProbe(new EdgeRecoveryConfig { K = 1 }).Run(new ScoreMatrix(s, 4, false), graph);
        // Found: 0->1, 1->2, 2->3 of the 6 directed edges; nodes 0, 1, 2 answer a neighbour, node 3 answers 0.
        Assert.Equal(3.0 / 6, r.TopKRecovery, 12);
        Assert.Equal(3.0 / 4, r.Top1Accuracy, 12);
    }

    [Fact]
    public void Dot_scores_exclude_self_and_break_ties_by_the_smaller_id()
    {
        var e = new EmbeddingMatrix([1, 0, 1, 0, 0, 1, 2, 0], 4, 2);
        ScoreMatrix s = ScoreMatrix.FromDot(e);
        Assert.True(s.ExcludesSelf);
        Assert.Equal([3, 1, 2], s.TopK(0, 5)); // e_0 . e_w = [self, 1, 0, 2]; only 3 candidates
        Assert.Equal([3, 0, 2], s.TopK(1, 3));
        Assert.Equal([0, 1, 3], s.TopK(2, 3)); // all zero: ids ascending, self skipped
    }
}
