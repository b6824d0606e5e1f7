using Trainer.Models.Kernelized;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.Kernelized;

public class SphericalCodeTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(12)]
    [InlineData(100)]
    public void Bounds_reduce_to_their_closed_forms_in_three_dimensions(int m)
    {
        // d = 3: Gamma(2) / Gamma(3/2) = 2 / sqrt(pi) and Gamma(2) / Gamma(5/2) = 4 / (3 sqrt(pi)).
        Assert.Equal(4 / Math.Sqrt(m), SphericalCodes.UpperBound(m, 3), 12);
        Assert.Equal(2.0 / (3 * m), SphericalCodes.LowerBound(m, 3), 12);
    }

    [Fact]
    public void Log_gamma_matches_known_values()
    {
        Assert.Equal(Math.Log(24), SphericalCodes.LogGamma(5), 12);
        Assert.Equal(0.5 * Math.Log(Math.PI), SphericalCodes.LogGamma(0.5), 12);
        Assert.Equal(Math.Log(0.75 * Math.Sqrt(Math.PI)), SphericalCodes.LogGamma(2.5), 12);
        Assert.Equal(Math.Log(Math.PI / Math.Sin(Math.PI * 0.2)) - SphericalCodes.LogGamma(0.8), SphericalCodes.LogGamma(0.2), 12);
    }

    [Fact]
    public void Exact_Tammes_entries_match_the_regular_solids()
    {
        Assert.Equal(4.0 / 3, SphericalCodes.OptimalDeltaMinS2(4), 10);                 // tetrahedron, cos = -1/3
        Assert.Equal(1.0, SphericalCodes.OptimalDeltaMinS2(6), 10);                     // octahedron, 90 degrees
        Assert.Equal(1 - 1 / Math.Sqrt(5), SphericalCodes.OptimalDeltaMinS2(12), 10);   // icosahedron
    }

    [Fact]
    public void Tammes_optima_lie_between_the_bounds_and_decrease_with_m()
    {
        double previous = double.PositiveInfinity;
        for (int m = 4; m <= 14; m++)
        {
            double delta = SphericalCodes.OptimalDeltaMinS2(m);
            Assert.InRange(delta, SphericalCodes.LowerBound(m, 3), SphericalCodes.UpperBound(m, 3));
            Assert.True(delta <= previous + 1e-12);
            previous = delta;
        }
    }

    [Fact]
    public void Metrics_of_the_regular_tetrahedron_and_octahedron_are_the_optimal_angles()
    {
        using Tensor tetra = tensor(new[] { 1.0, 1, 1, 1, -1, -1, -1, 1, -1, -1, -1, 1 }, new long[] { 4, 3 });
        Assert.Equal(SphericalCodes.TammesAnglesDegreesS2[4], SeparationMetrics.MinPairwiseAngleDegrees(tetra), 8);
        Assert.Equal(4.0 / 3, SeparationMetrics.DeltaMin(tetra), 10);
        using Tensor octa = tensor(new[] { 1.0, 0, 0, -1, 0, 0, 0, 2, 0, 0, -2, 0, 0, 0, 3, 0, 0, -3 }, new long[] { 6, 3 });
        Assert.Equal(90, SeparationMetrics.MinPairwiseAngleDegrees(octa), 8);
        using Tensor sep = SeparationMetrics.Separations(octa);
        Assert.All(sep.data<double>(), v => Assert.Equal(1.0, v, 10));
    }

    [Fact]
    public void Metastable_sizes_count_weights_above_the_threshold()
    {
        using Tensor w = tensor(new[] { 0.5, 0.5, 0.0, 0.0, 0.97, 0.005, 0.025, 0.0 }, new long[] { 2, 4 });
        Assert.Equal(new long[] { 2, 3 }, SeparationMetrics.MetastableSizes(w).data<long>());
        Assert.Equal(new long[] { 2, 2 }, SeparationMetrics.MetastableSizes(w, 0.01).data<long>());
        Assert.Equal(2.0, SeparationMetrics.MeanMetastableSize(w, 0.01), 12);
    }
}
