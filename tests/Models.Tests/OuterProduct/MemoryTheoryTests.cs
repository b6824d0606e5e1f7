using Trainer.Data.Associations;
using Trainer.Models.OuterProduct;

namespace Trainer.Models.Tests.OuterProduct;

public sealed class MemoryTheoryTests
{
    [Fact]
    public void Gamma_and_zeta_match_known_values()
    {
        Assert.Equal(Math.Sqrt(Math.PI), MemoryTheory.Gamma(0.5), 12);
        Assert.Equal(24, MemoryTheory.Gamma(5), 10);
        Assert.Equal(-2 * Math.Sqrt(Math.PI), MemoryTheory.Gamma(-0.5), 10);
        Assert.Equal(Math.PI * Math.PI / 6, MemoryTheory.Zeta(2), 12);
        Assert.Equal(Math.Pow(Math.PI, 4) / 90, MemoryTheory.Zeta(4), 12);
        Assert.Equal(2.61237534868549, MemoryTheory.Zeta(1.5), 11); // mpmath.zeta(1.5)
    }

    [Fact]
    public void Unseen_mass_equals_the_direct_sum_and_the_data_generator()
    {
        double[] p = MemoryTheory.Zipf(500, 1.5);
        double direct = p.Sum(px => px * Math.Pow(1 - px, 1000));
        Assert.Equal(direct, MemoryTheory.UnseenMass(p, 1000), 12);
        Assert.Equal(ZipfAssociations.UnseenMass(p, 1000), MemoryTheory.UnseenMass(p, 1000), 12);
        double[] fromData = ZipfAssociations.ZipfProbabilities(500, 1.5);
        Assert.All(Enumerable.Range(0, 500), i => Assert.Equal(fromData[i], p[i], 14));
    }

    [Fact]
    public void Expected_unseen_mass_matches_the_mean_over_samples()
    {
        var config = new ZipfConfig { N = 300, M = 5, Alpha = 2, Samples = 400 };
        double mean = Enumerable.Range(0, 200).Average(s => ZipfAssociations.Generate(config, (ulong)s) is var z
            ? MemoryTheory.EmpiricalUnseenMass(z.Probabilities, z.Counts) : 0);
        double expected = MemoryTheory.UnseenMass(MemoryTheory.Zipf(300, 2), 400);
        Assert.True(Math.Abs(mean - expected) < 0.1 * expected, $"mean {mean:F5} vs expected {expected:F5}");
    }

    [Fact]
    public void Infinite_vocabulary_asymptotic_matches_the_exact_unseen_mass()
    {
        foreach (double alpha in new[] { 1.5, 2.0, 3.0 })
        {
            // N = 5e5 and T = 1e4: the mass beyond N that the finite sum misses stays under 3% of U_T.
            double[] p = MemoryTheory.Zipf(500_000, alpha);
            double exact = MemoryTheory.UnseenMass(p, 10_000);
            double asym = MemoryTheory.UnseenMassAsymptotic(10_000, alpha);
            Assert.True(Math.Abs(asym / exact - 1) < 0.05, $"alpha {alpha}: asymptotic {asym:E4} vs exact {exact:E4}");
        }
    }

    [Fact]
    public void Rates_follow_their_formulas()
    {
        Assert.Equal(0.01 + 0.01, MemoryTheory.ThresholdingRate(100, 10_000, 2), 14);
        Assert.Equal(Math.Pow(64, -0.25), MemoryTheory.FrequencyRate(64, 2, 1), 14);
        Assert.Throws<ArgumentOutOfRangeException>(() => MemoryTheory.ThresholdingRate(10, 10, 1));
        double[] p = [0.5, 0.1, 0.3, 0.1];
        Assert.Equal(0.2, MemoryTheory.TailMass(p, 2), 14);
    }
}
