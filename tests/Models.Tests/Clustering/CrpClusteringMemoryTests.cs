using Trainer.Models.Clustering;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.Clustering;

public sealed class CrpClusteringMemoryTests
{
    [Theory]
    [InlineData(2, 1UL)]
    [InlineData(4, 2UL)]
    [InlineData(6, 3UL)]
    public void Finds_the_true_number_of_memories_without_being_told(int k, ulong seed)
    {
        var (points, labels) = ClusteringTestData.Separated(k: k, n: 60 * k, seed: seed);
        using var _ = points;
        using var crp = new CrpClusteringMemory(new CrpConfig { Dim = 2, Seed = seed });
        CrpFit fit = crp.Fit(points);
        Assert.Equal(k, fit.Memories);
        Assert.Equal(k, crp.MemoryCount);
        Assert.True(ClusteringMetrics.AdjustedRandIndex(labels, crp.Assign(points)) > 0.95);
        Assert.True(ClusteringMetrics.AdjustedRandIndex(labels, fit.SweepLabels) > 0.95);
    }

    [Fact]
    public void Gibbs_sweeps_also_find_the_true_number_in_higher_dimension()
    {
        var (points, labels) = ClusteringTestData.Separated(k: 5, n: 250, dim: 6, seed: 9);
        using var _ = points;
        using var crp = new CrpClusteringMemory(new CrpConfig { Dim = 6, Sampling = CrpSampling.Gibbs, Sweeps = 5, Seed = 4 });
        CrpFit fit = crp.Fit(points);
        Assert.Equal(5, fit.Memories);
        Assert.True(ClusteringMetrics.AdjustedRandIndex(labels, crp.Assign(points)) > 0.95);
    }

    [Fact]
    public void Seating_scores_match_scipy_collapsed_predictives()
    {
        if (ClusteringReference.Skip())
        {
            return;
        }

        var (points, _) = ClusteringTestData.Separated(k: 3, n: 30, seed: 8);
        using Tensor x = points.to(ScalarType.Float64);
        points.Dispose();
        double[] host = x.data<double>();
        double[] mu0 = [0.5, -0.25];
        var seating = new CrpSeating(host, 2, alpha: 0.7, sigma2: 1.3, mu0, tau2: 20);
        for (int i = 1; i < 30; i++)
        {
            seating.Seat(i, i % 4 == 0 && seating.Tables < 3 ? seating.Tables : i % Math.Max(1, seating.Tables));
        }

        var reference = ClusteringReference.Ask(new
        {
            task = "crp_scores", x = ClusteringReference.Rows(x), labels = seating.Labels, query = 0, alpha = 0.7, sigma2 = 1.3, mu0, tau2 = 20.0,
        });
        double[] expected = ClusteringReference.Doubles(reference.GetProperty("scores"));
        Assert.Equal(seating.Tables + 1, expected.Length);
        for (int k = 0; k < seating.Tables; k++)
        {
            Assert.Equal(expected[k], seating.LogExisting(0, k), 10);
        }

        Assert.Equal(expected[^1], seating.LogNew(0), 10);
    }

    [Fact]
    public void An_emptied_table_is_retired_and_the_last_takes_its_index()
    {
        double[] host = [0, 0, 1, 1, 2, 2];
        var seating = new CrpSeating(host, 2, 1, 1, [0, 0], 1);
        seating.Seat(0, 0);
        seating.Seat(1, 1);
        seating.Seat(2, 2);
        Assert.True(seating.Unseat(1));
        Assert.Equal(2, seating.Tables);
        Assert.Equal([0, -1, 1], seating.Labels);
        Assert.Equal([1, 1], seating.Counts);
    }

    [Fact]
    public void A_larger_concentration_opens_at_least_as_many_memories_in_the_sweeps()
    {
        var (points, _) = ClusteringTestData.Separated(k: 3, n: 150, separation: 3, seed: 10);
        using var _ = points;
        int Tables(double alpha)
        {
            using var crp = new CrpClusteringMemory(new CrpConfig { Dim = 2, Alpha = alpha, Beta = 4, RefineIterations = 0, Seed = 1 });
            return crp.Fit(points).MemoriesAfterSweeps;
        }

        int few = Tables(1e-6), many = Tables(1e6);
        Assert.True(many > few, $"alpha 1e-6 -> {few}, alpha 1e6 -> {many}");
    }

    [Fact]
    public void Describes_itself_and_refuses_to_assign_before_fitting()
    {
        using var crp = new CrpClusteringMemory(new CrpConfig { Alpha = 2, Beta = 0.5 });
        Assert.Equal("CrpClusteringMemory(alpha=2, beta=0.5, sampling=Map, memories=0)", crp.ToString());
        using Tensor x = zeros(3, 2);
        Assert.Throws<InvalidOperationException>(() => crp.Assign(x));
        Assert.Throws<ArgumentException>(() => new CrpClusteringMemory(new CrpConfig { Alpha = 0 }));
    }
}
