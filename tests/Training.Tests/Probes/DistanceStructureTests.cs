using Trainer.Data.Graphs;
using Trainer.Training.Probes;

namespace Trainer.Training.Tests.Probes;

public class DistanceStructureTests
{
    [Fact]
    public void A_path_laid_out_on_a_line_has_rank_correlation_one_and_recovers_every_neighbour()
    {
        Graph path = GraphBuilder.FromEdgeArray(6, [0, 1, 1, 2, 2, 3, 3, 4, 4, 5], directed: false);
        var e = new EmbeddingMatrix([0, 1, 2, 3, 4, 5], 6, 1);
        DistanceStructureResult r = new DistanceStructureProbe(new DistanceStructureConfig { ControlDraws = 2 }).Run(e, path)!;
        Assert.Equal(1.0, r.Spearman, 12);
        Assert.Equal(1.0, r.KnnRecovery, 12);
        Assert.Equal(15, r.Pairs);
        Assert.Equal([1.0, 2, 3, 4, 5], r.MeanDistanceByHop);
        Assert.Equal(15, r.Scatter.Length);
        Assert.All(r.Scatter, p => Assert.Equal(p[0], p[1]));
    }

    [Fact]
    public void Spearman_averages_tied_ranks()
    {
        Assert.Equal(0.5, RankCorrelation.Spearman([1, 2, 3], [10, 30, 20]), 12);
        Assert.Equal([1.5, 1.5, 3], RankCorrelation.Ranks([7, 7, 9]));
        Assert.Equal(-1.0, RankCorrelation.Spearman([1, 2, 3, 4], [4, 3, 2, 1]), 12);
        Assert.True(double.IsNaN(RankCorrelation.Spearman([1, 1, 1], [1, 2, 3])));
    }

    [PythonProbeFact]
    public void Spearman_and_edge_cosine_match_scipy_and_networkx()
    {
        foreach (string name in new[] { "distance-path-star", "distance-grid", "distance-cycle" })
        {
            var (c, reference) = ProbeFixtures.Get(name);
            DistanceStructureResult d = new DistanceStructureProbe(new DistanceStructureConfig { ControlDraws = 1 }).Run(c.Embedding, c.Graph)!;
            Assert.Equal(reference.GetProperty("spearman").GetDouble(), d.Spearman, 10);
            Assert.Equal(reference.GetProperty("edge_cos").GetDouble(), GeometricLevelProbe.EdgeCosine(c.Embedding, c.Graph), 10);
        }
    }
}
