using Trainer.Data.Patterns;
using Trainer.Models.Kernelized;
using Trainer.Models.Probabilistic;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.Probabilistic;

public class AttentionClusteringTests
{
    [Fact]
    public void Greedy_counter_groups_points_by_cosine()
    {
        using Tensor x = tensor(new[] { 1.0, 0, 0.999, 0.01, 0, 1, -1, 0, 0.0, 2 }, new long[] { 5, 2 });
        Assert.Equal(new[] { 0, 0, 1, 2, 1 }, AttentionClustering.Assign(x));
        Assert.Equal(3, AttentionClustering.CountClusters(x));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Normalised_attention_with_large_beta_recovers_the_number_of_vMF_clusters(bool fixedKeys)
    {
        VmfClusters data = WellSeparated(new VmfClustersConfig { Dim = 3, Clusters = 4, Points = 200, Kappa = 100, Threads = 1 }, 50);
        using Tensor points = tensor(data.Points, new long[] { 200, 3 });
        Assert.True(AttentionClustering.CountClusters(points) > 4);   // raw vMF scatter: many greedy groups
        using Tensor collapsed = AttentionClustering.Run(points, beta: 30, steps: 60, fixedKeys);
        Assert.Equal(4, AttentionClustering.CountClusters(collapsed));
        int[] labels = AttentionClustering.Assign(collapsed);
        // Each found cluster is one true cluster.
        for (int c = 0; c < 4; c++)
        {
            var truth = labels.Select((l, i) => (l, i)).Where(p => p.l == c).Select(p => data.Labels[p.i]).Distinct();
            Assert.Single(truth);
        }
    }

    // The first seed whose cluster centres are at least minAngle degrees apart (the generator is deterministic).
    private static VmfClusters WellSeparated(VmfClustersConfig config, double minAngle)
    {
        for (ulong seed = 1; ; seed++)
        {
            VmfClusters data = VmfClusters.Generate(config, seed);
            using Tensor centres = tensor(data.Centres, new long[] { config.Clusters, config.Dim });
            if (SeparationMetrics.MinPairwiseAngleDegrees(centres) > minAngle)
            {
                return data;
            }
        }
    }

    [Fact]
    public void Small_beta_collapses_everything_into_one_cluster()
    {
        var data = VmfClusters.Generate(new VmfClustersConfig { Dim = 3, Clusters = 4, Points = 120, Kappa = 100, Threads = 1 }, seed: 5);
        using Tensor points = tensor(data.Points, new long[] { 120, 3 });
        using Tensor collapsed = AttentionClustering.Run(points, beta: 1, steps: 200);
        Assert.Equal(1, AttentionClustering.CountClusters(collapsed));
    }
}
