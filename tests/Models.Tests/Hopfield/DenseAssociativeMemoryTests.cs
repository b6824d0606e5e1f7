using Trainer.Data.Patterns;
using Trainer.Models.Hopfield;
using Trainer.Models.Hopfield.Theory;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.Hopfield;

public class DenseAssociativeMemoryTests
{
    [Fact]
    public void Patterns_well_below_capacity_are_all_retrieved()
    {
        // N = 40, P = 200: alpha = ln(200) / 40 = 0.13, far below alpha_1^S(1) = 0.62.
        using var dam = DenseAssociativeMemory.Random(PatternKind.Spherical, 200, 40, lambda: 1.0, seed: 3);
        Assert.True(DenseMemoryTheory.Load(200, 40) < DenseMemoryTheory.Alpha1Spherical(1.0));
        DenseRetrievalReport r = dam.EvaluateFromPatterns(100);
        Assert.Equal(1.0, r.SelfWeightRate);
        Assert.Equal(1.0, r.DistanceRate);
        Assert.True(r.FinalOverlap > 0.99);
    }

    [Fact]
    public void Patterns_far_above_capacity_are_not_retrieved()
    {
        // N = 12, P = 3000: alpha = 0.67 > alpha_1^G(0.3) = 0.255, so the other patterns swamp the self term.
        using var dam = DenseAssociativeMemory.Random(PatternKind.Gaussian, 3000, 12, lambda: 0.3, seed: 4);
        Assert.True(DenseMemoryTheory.Load(3000, 12) > DenseMemoryTheory.Alpha1Gaussian(0.3));
        DenseRetrievalReport r = dam.EvaluateFromPatterns(50);
        Assert.True(r.SelfWeightRate < 0.2, $"self-weight rate {r.SelfWeightRate}");
    }

    [Fact]
    public void Noisy_queries_inside_the_basin_return_to_their_pattern()
    {
        using var dam = DenseAssociativeMemory.Random(PatternKind.Spherical, 500, 50, lambda: 2.0, seed: 5);
        DenseRetrievalReport r = dam.EvaluateNoisy(64, overlap: 0.7, seed: 6);
        Assert.Equal(0.7, r.StartOverlap, 3);
        Assert.True(r.DistanceRate > 0.95, $"distance rate {r.DistanceRate}");
        Assert.True(r.FinalOverlap > 0.99);
    }

    [Fact]
    public void One_step_basin_rate_drops_below_the_theoretical_overlap()
    {
        // Spherical, lambda = 2, alpha = ln(2000)/30 = 0.253: one step retrieves iff rho0 > phi / lambda.
        using var dam = DenseAssociativeMemory.Random(PatternKind.Spherical, 2000, 30, lambda: 2.0, seed: 7);
        double rho = DenseMemoryTheory.OneStepBasinOverlap(PatternEnsemble.Spherical, 2.0, DenseMemoryTheory.Load(2000, 30));
        Assert.InRange(rho, 0.2, 0.9);
        double above = dam.OneStepBasinRate(200, Math.Min(1, rho + 0.25), seed: 8);
        double below = dam.OneStepBasinRate(200, Math.Max(0, rho - 0.25), seed: 8);
        Assert.True(above > 0.9, $"rate above the basin edge {above}");
        Assert.True(below < 0.1, $"rate below the basin edge {below}");
    }

    [Fact]
    public void Energy_of_a_stored_pattern_is_lower_than_of_a_random_state()
    {
        using var dam = DenseAssociativeMemory.Random(PatternKind.Spherical, 100, 20, lambda: 1.0, seed: 9);
        using Tensor stored = dam.Patterns.narrow(0, 0, 1);
        manual_seed(10);
        using Tensor random = nn.functional.normalize(randn(1, 20), 2, 1) * Math.Sqrt(20);
        using Tensor es = dam.Energy(stored), er = dam.Energy(random);
        Assert.True(es.item<double>() < er.item<double>());
        Assert.Equal("DenseAssociativeMemory(patterns=100, dim=20, lambda=1)", dam.ToString());
    }
}
