using Trainer.Models.Hopfield.Theory;
using Trainer.Training.Experiments.DenseCapacity;

namespace Trainer.Training.Tests.Experiments.DenseCapacity;

public sealed class FiniteSizeRemTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    public void Spherical_half_load_tends_to_alpha_1_as_N_grows(double lambda)
    {
        double alpha1 = DenseMemoryTheory.Alpha1Spherical(lambda);
        Assert.InRange(FiniteSizeRem.HalfLoad(PatternEnsemble.Spherical, 400, lambda), alpha1 - 0.01, alpha1 + 0.01);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void Gaussian_half_load_tends_to_alpha_1_as_N_grows(double lambda)
    {
        // The frozen phase (lambda > 1) converges slowly: the largest of P Gaussians has log-log corrections.
        double alpha1 = DenseMemoryTheory.Alpha1Gaussian(lambda);
        double tol = lambda <= 1 ? 0.02 : 0.05;
        Assert.InRange(FiniteSizeRem.HalfLoad(PatternEnsemble.Gaussian, 1000, lambda), alpha1 - tol, alpha1 + tol);
    }

    [Fact]
    public void Gaussian_success_falls_with_load_and_spans_zero_to_one()
    {
        double low = FiniteSizeRem.SuccessProbability(PatternEnsemble.Gaussian, 16, 1, 0.05);
        double mid = FiniteSizeRem.SuccessProbability(PatternEnsemble.Gaussian, 16, 1, 0.5);
        double high = FiniteSizeRem.SuccessProbability(PatternEnsemble.Gaussian, 16, 1, 2.0);
        Assert.True(low > 0.95 && high < 0.05 && low > mid && mid > high, $"{low} {mid} {high}");
    }

    [Fact]
    public void Basin_edge_tends_to_phi_over_lambda()
    {
        foreach (PatternEnsemble e in new[] { PatternEnsemble.Spherical, PatternEnsemble.Gaussian })
        {
            double theory = DenseMemoryTheory.OneStepBasinOverlap(e, 2, 0.2);
            Assert.InRange(FiniteSizeRem.HalfOverlap(e, 1000, 2, 0.2), theory - 0.03, theory + 0.03);
        }
    }

    [Fact]
    public void Finite_REM_log_partition_has_the_annealed_and_frozen_limits()
    {
        var law = FiniteSizeRem.OverlapLaw.StandardNormal(8);
        double lnK = Math.Log(1e6);
        // Small c (annealed): ln sum_k e^(c t_k) ~ ln K + ln E e^(c t) = ln K + c^2 / 2.
        Assert.InRange(law.LogPartition(lnK, 0.5), lnK + 0.125 - 0.01, lnK + 0.125 + 0.01);
        // Large c (frozen): the largest term, c t_M with Pr(t > t_M) = 1 / (K + 1): t_M = 4.7534 for K = 1e6 (normal quantile).
        double c = 20, top = c * 4.7534;
        Assert.InRange(law.LogPartition(lnK, c), top - 0.2, top + 3);
    }
}
