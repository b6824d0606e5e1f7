using Trainer.Models.Clustering;

namespace Trainer.Models.Tests.Clustering;

public sealed class GaussianMixtureDataTests
{
    [Fact]
    public void Same_seed_gives_the_same_points_and_another_seed_does_not()
    {
        var config = new GaussianMixtureDataConfig { Dim = 3, Components = 4, Points = 200 };
        var a = GaussianMixtureData.Generate(config, 5);
        var b = GaussianMixtureData.Generate(config, 5);
        var c = GaussianMixtureData.Generate(config, 6);
        Assert.Equal(a.Points, b.Points);
        Assert.Equal(a.Labels, b.Labels);
        Assert.NotEqual(a.Points, c.Points);
    }

    [Theory]
    [InlineData(2, 6, 3.0)]
    [InlineData(5, 10, 8.0)]
    public void Centres_are_at_least_the_separation_apart(int dim, int k, double separation)
    {
        var config = new GaussianMixtureDataConfig { Dim = dim, Components = k, Points = 10, Std = 0.5, Separation = separation };
        double[] c = GaussianMixtureData.Generate(config, 1).Centres;
        for (int i = 0; i < k; i++)
        {
            for (int j = i + 1; j < k; j++)
            {
                double d2 = Enumerable.Range(0, dim).Sum(t => Math.Pow(c[(i * dim) + t] - c[(j * dim) + t], 2));
                Assert.True(Math.Sqrt(d2) >= separation * 0.5, $"centres {i} and {j} are {Math.Sqrt(d2)} apart");
            }
        }
    }

    [Fact]
    public void Each_component_has_the_configured_mean_and_spread()
    {
        var config = new GaussianMixtureDataConfig { Dim = 2, Components = 3, Points = 6000, Std = 1.5 };
        var data = GaussianMixtureData.Generate(config, 3);
        for (int k = 0; k < 3; k++)
        {
            int[] members = Enumerable.Range(0, config.Points).Where(i => data.Labels[i] == k).ToArray();
            Assert.InRange(members.Length, 1800, 2200);
            for (int j = 0; j < 2; j++)
            {
                double[] v = members.Select(i => (double)data.Points[(i * 2) + j]).ToArray();
                double mean = v.Average();
                double std = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
                Assert.InRange(mean - data.Centres[(k * 2) + j], -0.14, 0.14);          // about 4 standard errors
                Assert.InRange(std, 1.5 * 0.94, 1.5 * 1.06);
            }
        }
    }
}
