using Trainer.Data.Patterns;
using Trainer.Models.Hopfield.Retrieval;
using Trainer.Models.Probabilistic;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.Probabilistic;

public class GaussianKdeMemoryTests
{
    private static Tensor Spherical(int count, int dim, ulong seed) =>
        tensor(PatternSets.Generate(PatternKind.Spherical, count, dim, seed, threads: 1), new long[] { count, dim });

    [Fact]
    public void Energy_is_minus_log_density_over_beta_up_to_a_constant()
    {
        manual_seed(41);
        using Tensor xi = randn(5, 3), x = randn(4, 3);
        double beta = 2.5;
        using Tensor e = GaussianKdeMemory.Energy(xi, x, beta);
        using Tensor logp = GaussianKdeMemory.LogDensity(xi, x, beta);
        double[] ev = e.to(ScalarType.Float64).data<double>(), lv = logp.to(ScalarType.Float64).data<double>();
        double constant = -Math.Log(5) - 1.5 * Math.Log(2 * Math.PI / beta);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(-lv[i] + constant, beta * ev[i], 4);
        }

        // Direct density of one point: (1/K) sum_k (beta / 2 pi)^{3/2} exp(-(beta/2) |x - xi_k|^2)
        float[] xs = x.data<float>(), ps = xi.data<float>();
        double direct = 0;
        for (int k = 0; k < 5; k++)
        {
            double d2 = 0;
            for (int j = 0; j < 3; j++)
            {
                d2 += Math.Pow(xs[j] - ps[k * 3 + j], 2);
            }

            direct += Math.Pow(beta / (2 * Math.PI), 1.5) * Math.Exp(-beta / 2 * d2) / 5;
        }

        Assert.Equal(Math.Log(direct), lv[0], 4);
    }

    [Fact]
    public void Mean_shift_energy_never_increases()
    {
        manual_seed(42);
        using Tensor xi = randn(30, 4), x = randn(8, 4) * 2;
        using RetrievalResult r = GaussianKdeMemory.Retrieve(xi, x, beta: 1.5, maxSteps: 25, eps: 0, trackEnergy: true);
        double[] e = r.Energies!.to(ScalarType.Float64).data<double>();
        int cols = r.Steps + 1;
        for (int b = 0; b < 8; b++)
        {
            for (int t = 1; t < cols; t++)
            {
                Assert.True(e[b * cols + t] <= e[b * cols + t - 1] + 1e-5, $"E rose at state {b}, step {t}");
            }
        }
    }

    [Fact]
    public void On_the_sphere_mean_shift_weights_are_the_LSE_softmax()
    {
        using Tensor xi = Spherical(20, 8, 43);
        using Tensor x = Spherical(3, 8, 44);
        using Tensor kde = GaussianKdeMemory.Weights(xi, x, 0.7);
        using Tensor lse = HopfieldRetrieval.Weights(xi, x, 0.7);
        using Tensor diff = (kde - lse).abs().max();
        Assert.True(diff.item<double>() < 1e-5);
    }

    [Fact]
    public void Well_separated_spherical_patterns_are_all_stored()
    {
        // d = 16, K = 50, beta = 1: capacity exp(16 alpha_1^S(1)) ~ 2e4 >> 50.
        using Tensor xi = Spherical(50, 16, 45);
        Assert.True(GaussianKdeMemory.TheoreticalCapacity(16, 1.0) > 1000);
        Assert.Equal(1.0, GaussianKdeMemory.StoredFraction(xi, beta: 1.0, eps: 0.1));
    }

    [Fact]
    public void Far_beyond_capacity_patterns_merge_into_a_few_modes()
    {
        // d = 16, beta = 0.05: capacity exp(16 alpha_1^S(0.05)) ~ 2, while K = 200.
        using Tensor xi = Spherical(200, 16, 46);
        Assert.True(GaussianKdeMemory.TheoreticalCapacity(16, 0.05) < 5);
        Assert.True(GaussianKdeMemory.StoredFraction(xi, beta: 0.05, eps: 0.1) < 0.05);
    }
}
