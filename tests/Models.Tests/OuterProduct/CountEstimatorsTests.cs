using Trainer.Models.OuterProduct;

namespace Trainer.Models.Tests.OuterProduct;

public sealed class CountEstimatorsTests
{
    private static readonly int[] Counts = [50, 0, 20, 20, 5, 0, 5];

    [Fact]
    public void Rho_zero_stores_every_seen_token_and_rho_one_the_frequency()
    {
        Assert.Equal(new double[] { 1, 0, 1, 1, 1, 0, 1 }, CountEstimators.Rho(Counts, 100, 0));
        Assert.Equal(new double[] { 0.5, 0, 0.2, 0.2, 0.05, 0, 0.05 }, CountEstimators.Rho(Counts, 100, 1));
        Assert.Equal(Math.Sqrt(0.2), CountEstimators.Rho(Counts, 100, 0.5)[2], 12);
    }

    [Fact]
    public void Thresholding_keeps_the_P_most_frequent_seen_tokens_with_ties_to_the_lower_id()
    {
        // Ranking by count: 0 (50), then the tie 2, 3 (20), then the tie 4, 6 (5).
        Assert.Equal(new double[] { 1, 0, 1, 0, 0, 0, 0 }, CountEstimators.Threshold(Counts, 100, 0, 2));
        Assert.Equal(new double[] { 0.5, 0, 0.2, 0.2, 0.05, 0, 0 }, CountEstimators.Threshold(Counts, 100, 1, 4));
        // P beyond the seen tokens keeps only the seen ones.
        Assert.Equal(CountEstimators.Rho(Counts, 100, 0), CountEstimators.Threshold(Counts, 100, 0, 7));
    }

    [Fact]
    public void Saturating_update_matches_hand_computed_values()
    {
        // gamma = 1, M = 5: f(0) = 1 / (1 + 1/5) = 5/6; f(5/6) = 5/6 + 1 / (1 + e^(5/6) / 5) = 1.5181732882545593;
        // once more 2.0409736207250915 (python: s = s + 1 / (1 + math.exp(s) / 5), three times from 0).
        Assert.Equal(5.0 / 6, CountEstimators.SaturatingIterate(1, 1, 5), 14);
        Assert.Equal(1.5181732882545593, CountEstimators.SaturatingIterate(2, 1, 5), 14);
        Assert.Equal(2.0409736207250915, CountEstimators.SaturatingIterate(3, 1, 5), 14);
        double[] q = CountEstimators.Sgd([0, 3, 1, 2], 1, 5);
        double[] expected = [0, 2.0409736207250915, 5.0 / 6, 1.5181732882545593];
        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal(expected[i], q[i], 14));
    }

    [Fact]
    public void Small_steps_store_counts_linearly_and_large_steps_saturate()
    {
        // Near s = 0, f adds gamma M / (M + 1): q is about n gamma M / (M + 1), i.e. rho = 1.
        double[] small = CountEstimators.Sgd([1, 10, 100], 1e-4, 5);
        Assert.InRange(small[1] / small[0], 9.99, 10.01);
        Assert.InRange(small[2] / small[0], 99, 101);
        // Large gamma: once e^s / M dominates, each step adds about gamma M e^-s, so s grows like log n.
        double[] large = CountEstimators.Sgd([1, 10, 100], 100, 5);
        Assert.True(large[2] / large[1] < 1.5, $"q(100) / q(10) = {large[2] / large[1]:F3}");
        Assert.True(large[2] - large[1] < Math.Log(10) + 0.5, $"q(100) - q(10) = {large[2] - large[1]:F3}, about log 10");
    }

    [Fact]
    public void Estimator_specs_name_themselves_and_scale_P_with_d()
    {
        Assert.Equal("rho=0", EstimatorSpec.Frequency(0).Name);
        Assert.Equal("sgd(gamma=10)", EstimatorSpec.SgdApproximation(10).Name);
        Assert.Equal("threshold(rho=0,P=5)", EstimatorSpec.ThresholdingFixed(5).Name);
        Assert.Equal(10, EstimatorSpec.Thresholding(0, 1.0 / 12).KeepAt(120));
        Assert.Equal(1, EstimatorSpec.Thresholding(0, 1.0 / 12).KeepAt(5));
        Assert.Equal(4, EstimatorSpec.Standard.Count);
    }
}
