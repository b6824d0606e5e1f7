using MathNet.Numerics;
using Trainer.Data.Patterns;
using Trainer.Data.Randomness;

namespace Trainer.Data.Tests;

public class PatternTests
{
    [Fact]
    public void Spherical_patterns_have_norm_sqrt_N()
    {
        var x = PatternSets.Generate(PatternKind.Spherical, 500, 64, 1);
        for (int mu = 0; mu < 500; mu++)
        {
            double n2 = 0;
            for (int i = 0; i < 64; i++)
            {
                n2 += x[mu * 64 + i] * x[mu * 64 + i];
            }
            Assert.Equal(64, n2, 1e-4);
        }
    }

    [Fact]
    public void Binary_and_gaussian_patterns_have_the_right_entries_and_moments()
    {
        var b = PatternSets.Generate(PatternKind.Binary, 1000, 100, 2);
        Assert.All(b, v => Assert.True(v is 1f or -1f));
        Assert.InRange(b.Average(v => (double)v), -0.01, 0.01);
        var g = PatternSets.Generate(PatternKind.Gaussian, 1000, 100, 3);
        Assert.InRange(g.Average(v => (double)v), -0.01, 0.01);
        Assert.InRange(g.Average(v => (double)v * v), 0.98, 1.02);
    }

    [Fact]
    public void Patterns_are_the_same_bytes_for_any_thread_count_and_differ_by_seed()
    {
        foreach (var kind in Enum.GetValues<PatternKind>())
        {
            var one = PatternSets.Generate(kind, 3000, 33, 4, threads: 1);
            var three = PatternSets.Generate(kind, 3000, 33, 4, threads: 3);
            Assert.Equal(one, three);
            Assert.NotEqual(one, PatternSets.Generate(kind, 3000, 33, 5, threads: 1));
        }
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(0.3)]
    [InlineData(0.0)]
    public void Noisy_queries_sit_at_the_requested_overlap(double rho)
    {
        const int n = 128;
        var xi = PatternSets.Generate(PatternKind.Spherical, 50, n, 6);
        int[] index = NoisyQueries.ChooseIndices(50, 200, 7);
        var exact = NoisyQueries.Generate(xi, n, index, rho, orthogonalize: true, 8);
        var rough = NoisyQueries.Generate(xi, n, index, rho, orthogonalize: false, 8);
        double roughSum = 0;
        for (int q = 0; q < 200; q++)
        {
            Assert.Equal(n, Dot(exact, q, exact, q, n), 1e-3);
            Assert.Equal(rho, Dot(exact, q, xi, index[q], n) / n, 1e-5);
            Assert.Equal(n, Dot(rough, q, rough, q, n), 1e-3);
            roughSum += Dot(rough, q, xi, index[q], n) / n;
        }
        // Without orthogonalisation the overlap is rho / sqrt(rho^2 + (1 - rho^2) |z|^2 / N) ~ rho, spread O(1/sqrt(N)).
        Assert.Equal(rho, roughSum / 200, 0.02);
    }

    private static double Dot(float[] a, int i, float[] b, int j, int n)
    {
        double s = 0;
        for (int k = 0; k < n; k++)
        {
            s += (double)a[i * n + k] * b[j * n + k];
        }
        return s;
    }

    [Theory]
    [InlineData(3, 2.0)]
    [InlineData(3, 10.0)]
    [InlineData(2, 4.0)]
    [InlineData(3, 0.0)]
    public void Von_Mises_Fisher_mean_cosine_matches_the_Bessel_ratio(int d, double kappa)
    {
        // A_d(kappa) = I_{d/2}(kappa) / I_{d/2-1}(kappa): coth(k) - 1/k for d = 3, I1/I0 (MathNet) for d = 2.
        double expected = kappa == 0 ? 0 : d == 3 ? 1 / Math.Tanh(kappa) - 1 / kappa : SpecialFunctions.BesselI1(kappa) / SpecialFunctions.BesselI0(kappa);
        var rng = new Rng(9);
        double[] mu = d == 3 ? [0.6, 0, 0.8] : [0, 1];
        var x = new double[d];
        const int n = 40_000;
        double sum = 0;
        double sum2 = 0;
        double worstNorm = 0;
        for (int i = 0; i < n; i++)
        {
            VonMisesFisher.Sample(rng, mu, kappa, x);
            double norm2 = 0;
            double c = 0;
            for (int j = 0; j < d; j++)
            {
                norm2 += x[j] * x[j];
                c += x[j] * mu[j];
            }
            worstNorm = Math.Max(worstNorm, Math.Abs(norm2 - 1));
            sum += c;
            sum2 += c * c;
        }
        Assert.True(worstNorm < 1e-12);
        double mean = sum / n;
        double se = Math.Sqrt((sum2 / n - mean * mean) / n);
        Assert.InRange(mean, expected - 5 * se, expected + 5 * se);
    }

    [Fact]
    public void Vmf_clusters_lie_on_the_sphere_near_their_centres()
    {
        var c = VmfClusters.Generate(new VmfClustersConfig { Dim = 3, Clusters = 3, Points = 600, Kappa = 50, Radius = 2 }, 10);
        for (int i = 0; i < 600; i++)
        {
            var p = c.Points.AsSpan(i * 3, 3);
            var centre = c.Centres.AsSpan(c.Labels[i] * 3, 3);
            double dot = p[0] * centre[0] + p[1] * centre[1] + p[2] * centre[2];
            Assert.Equal(4, p[0] * p[0] + p[1] * p[1] + p[2] * p[2], 1e-4);
            Assert.True(dot / 4 > 0.8);
        }
        Assert.Equal(3, c.Labels.Distinct().Count());
    }

    [Fact]
    public void Gaussian_mixture_points_scatter_by_the_component_std()
    {
        var config = new GaussianMixtureIclConfig { Sequences = 200 };
        var (points, labels, means) = InContextDatasets.GaussianMixture(config, 11);
        double sum2 = 0;
        for (int s = 0; s < 200; s++)
        {
            for (int t = 0; t < 35; t++)
            {
                for (int j = 0; j < 2; j++)
                {
                    double r = points[(s * 35 + t) * 2 + j] - means[(s * 3 + labels[s * 35 + t]) * 2 + j];
                    sum2 += r * r;
                }
            }
        }
        Assert.Equal(0.33 * 0.33, sum2 / (200 * 35 * 2), 0.005);
        Assert.Equal(25, means.Average(m => (double)m * m), 2.5);
    }

    [Fact]
    public void Linear_regression_points_follow_their_line_up_to_the_noise()
    {
        var config = new LinearRegressionIclConfig { Sequences = 300, NoiseStd = 0.5 };
        var (points, weights) = InContextDatasets.LinearRegression(config, 12);
        double sum2 = 0;
        for (int s = 0; s < 300; s++)
        {
            for (int t = 0; t < 35; t++)
            {
                float x = points[(s * 35 + t) * 2];
                float y = points[(s * 35 + t) * 2 + 1];
                Assert.InRange(x, -15, 15);
                sum2 += (y - weights[s] * x) * (y - weights[s] * x);
            }
        }
        Assert.Equal(0.25, sum2 / (300 * 35), 0.02);
        Assert.Equal(4, weights.Average(w => (double)w * w), 0.8);
    }
}
