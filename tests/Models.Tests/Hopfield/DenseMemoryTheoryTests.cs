using Trainer.Models.Hopfield.Theory;

namespace Trainer.Models.Tests.Hopfield;

public class DenseMemoryTheoryTests
{
    [Fact]
    public void Gaussian_threshold_is_the_closed_form_parabola_then_one_half()
    {
        Assert.Equal(0.375, DenseMemoryTheory.Alpha1Gaussian(0.5), 15);
        Assert.Equal(0.5, DenseMemoryTheory.Alpha1Gaussian(1.0), 15);
        Assert.Equal(0.5, DenseMemoryTheory.Alpha1Gaussian(7.0), 15);
        Assert.Equal(0.1 - 0.005, DenseMemoryTheory.Alpha1Gaussian(0.1), 15);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.75)]
    [InlineData(3.0)]
    [InlineData(40.0)]
    public void Q_star_is_the_stationary_point_of_the_spherical_free_entropy(double lambda)
    {
        // d/dq [1/2 ln(1 - q^2) + lambda q] = -q / (1 - q^2) + lambda = 0
        double q = DenseMemoryTheory.QStar(lambda);
        Assert.InRange(q, 0, 1);
        Assert.Equal(lambda, q / (1 - q * q), 9);
    }

    [Fact]
    public void Spherical_threshold_matches_its_closed_form_at_lambda_one()
    {
        // q* = (sqrt 5 - 1) / 2 (the golden ratio conjugate); alpha_1 = (1 - q*) - 1/2 ln(1 - q*^2)
        double q = (Math.Sqrt(5) - 1) / 2;
        Assert.Equal(q, DenseMemoryTheory.QStar(1), 14);
        Assert.Equal(1 - q - 0.5 * Math.Log(1 - q * q), DenseMemoryTheory.Alpha1Spherical(1), 14);
    }

    [Fact]
    public void Spherical_threshold_has_the_expected_limits()
    {
        // Small lambda: the spherical and Gaussian thresholds agree to second order (lambda - lambda^2/2).
        Assert.Equal(DenseMemoryTheory.Alpha1Gaussian(1e-3), DenseMemoryTheory.Alpha1Spherical(1e-3), 8);
        // Large lambda: alpha_1^S ~ 1/2 + 1/2 ln lambda, unbounded.
        foreach (double lambda in new[] { 1e3, 1e5 })
        {
            Assert.Equal(0.5 + 0.5 * Math.Log(lambda), DenseMemoryTheory.Alpha1Spherical(lambda), 2);
        }

        // Spherical patterns are never worse than Gaussian ones.
        for (double lambda = 0.05; lambda < 5; lambda += 0.05)
        {
            Assert.True(DenseMemoryTheory.Alpha1Spherical(lambda) >= DenseMemoryTheory.Alpha1Gaussian(lambda) - 1e-12);
        }
    }

    [Theory]
    [InlineData(PatternEnsemble.Gaussian, 0.5)]
    [InlineData(PatternEnsemble.Gaussian, 2.0)]
    [InlineData(PatternEnsemble.Spherical, 0.5)]
    [InlineData(PatternEnsemble.Spherical, 2.0)]
    public void Retrieval_condition_switches_exactly_at_alpha_one(PatternEnsemble ensemble, double lambda)
    {
        double a1 = DenseMemoryTheory.Alpha1(ensemble, lambda);
        Assert.True(DenseMemoryTheory.Retrieves(ensemble, lambda, a1 * 0.99));
        Assert.False(DenseMemoryTheory.Retrieves(ensemble, lambda, a1 * 1.01));
        Assert.Equal(1.0, DenseMemoryTheory.OneStepBasinOverlap(ensemble, lambda, a1), 9);
    }

    [Fact]
    public void Gaussian_free_entropy_is_continuous_at_the_freezing_point()
    {
        double alpha = 0.3, edge = Math.Sqrt(2 * alpha);
        double below = DenseMemoryTheory.Phi(PatternEnsemble.Gaussian, edge - 1e-9, alpha);
        double above = DenseMemoryTheory.Phi(PatternEnsemble.Gaussian, edge + 1e-9, alpha);
        Assert.Equal(below, above, 7);
        Assert.True(DenseMemoryTheory.IsFrozen(PatternEnsemble.Gaussian, edge + 0.1, alpha));
    }

    [Fact]
    public void Spherical_free_entropy_freezes_at_the_largest_overlap()
    {
        // Frozen branch: phi = lambda q_M with q_M = sqrt(1 - e^{-2 alpha}), so lambda > phi always (retrieval).
        double alpha = 0.05, lambda = 10;
        Assert.True(DenseMemoryTheory.IsFrozen(PatternEnsemble.Spherical, lambda, alpha));
        Assert.Equal(lambda * Math.Sqrt(1 - Math.Exp(-2 * alpha)), DenseMemoryTheory.Phi(PatternEnsemble.Spherical, lambda, alpha), 12);
        Assert.True(DenseMemoryTheory.Retrieves(PatternEnsemble.Spherical, lambda, alpha));
    }

    [Fact]
    public void Zero_temperature_basins_approach_their_limits()
    {
        double alpha = 0.1;
        Assert.Equal(Math.Sqrt(0.2), DenseMemoryTheory.OneStepBasinOverlap(PatternEnsemble.Gaussian, 1e6, alpha), 6);
        Assert.Equal(DenseMemoryTheory.OneStepBasinOverlapAtZeroTemperature(PatternEnsemble.Spherical, alpha),
            DenseMemoryTheory.OneStepBasinOverlap(PatternEnsemble.Spherical, 1e6, alpha), 6);
    }

    [Fact]
    public void Pattern_count_and_load_are_inverse()
    {
        Assert.Equal(22026, DenseMemoryTheory.PatternCount(0.5, 20));
        Assert.Equal(0.5, DenseMemoryTheory.Load(22026, 20), 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => DenseMemoryTheory.Alpha1Gaussian(0));
    }
}
