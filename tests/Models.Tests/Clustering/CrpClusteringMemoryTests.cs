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
        double[] marginals = ClusteringReference.Doubles(reference.GetProperty("marginals"));
        for (int k = 0; k < seating.Tables; k++)
        {
            int[] members = Enumerable.Range(0, 30).Where(i => seating.Labels[i] == k).ToArray();
            double[] sum = [members.Sum(i => host[2 * i]), members.Sum(i => host[(2 * i) + 1])];
            double sq = members.Sum(i => (host[2 * i] * host[2 * i]) + (host[(2 * i) + 1] * host[(2 * i) + 1]));
            Assert.Equal(marginals[k], seating.LogMarginal(members.Length, sum, sq), 8);
        }
    }

    [Fact]
    public void The_predictive_of_a_table_is_the_ratio_of_its_marginals_with_and_without_the_point()
    {
        double[] host = [0.1, 0.3, -0.4, 0.2, 0.5, 0.9, 2.0, -1.0];
        var seating = new CrpSeating(host, 2, alpha: 1, sigma2: 0.5, [0.2, -0.1], tau2: 3);
        seating.Seat(1, 0);
        seating.Seat(2, 0);
        double without = seating.LogMarginal(2, [0.1, 1.1], 0.16 + 0.04 + 0.25 + 0.81);
        double with = seating.LogMarginal(3, [0.2, 1.4], 0.16 + 0.04 + 0.25 + 0.81 + 0.01 + 0.09);
        Assert.Equal(with - without, seating.LogExisting(0, 0) - Math.Log(2), 10);
        // A table of one point: its marginal is the prior predictive, i.e. the new-table score without log alpha.
        Assert.Equal(seating.LogNew(3), seating.LogMarginal(1, [2.0, -1.0], 5.0), 10);
    }

    [Fact]
    public void Log_gamma_matches_log_factorials_and_gamma_of_one_and_a_half()
    {
        double logFactorial = 0;
        for (int n = 1; n <= 200; n++)
        {
            Assert.Equal(logFactorial, CrpSeating.LogGamma(n), 9);
            logFactorial += Math.Log(n);
        }

        Assert.Equal(Math.Log(Math.Sqrt(Math.PI) / 2), CrpSeating.LogGamma(1.5), 12);
    }

    [Fact]
    public void A_split_separates_two_clusters_seated_at_one_table_and_a_merge_rejoins_one_cut_in_two()
    {
        var (points, labels) = ClusteringTestData.Separated(k: 2, n: 80, separation: 10, seed: 12);
        double[] host = points.to(ScalarType.Float64).data<double>();
        points.Dispose();
        var together = new CrpSeating(host, 2, 1, 1, [0, 0], 50);
        for (int i = 0; i < 80; i++)
        {
            together.Seat(i, 0);
        }

        double before = together.LogPosterior();
        Assert.True(together.TrySplits());
        Assert.Equal(2, together.Tables);
        Assert.True(together.LogPosterior() > before);
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex(labels, together.Labels.ToArray()), 12);
        Assert.False(together.TryMerges());

        var cut = new CrpSeating(host, 2, 1, 1, [0, 0], 50);
        int ones = 0;
        foreach (int i in Enumerable.Range(0, 80).OrderBy(i => labels[i]))
        {
            cut.Seat(i, labels[i] == 0 ? 0 : 1 + (ones++ % 2));                // cluster 1 dealt over tables 1 and 2
        }

        Assert.Equal(3, cut.Tables);
        Assert.True(cut.TryMerges());
        Assert.Equal(2, cut.Tables);
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex(labels, cut.Labels.ToArray()), 12);
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
