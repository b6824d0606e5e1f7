using Trainer.Data.Associations;

namespace Trainer.Data.Tests;

public class ZipfTests
{
    [Fact]
    public void Zipf_frequencies_match_the_power_law()
    {
        var z = ZipfAssociations.Generate(new ZipfConfig { N = 50, M = 5, Alpha = 1.2, Samples = 100_000 }, 1);
        // Independent reference: p(x) = x^-alpha / sum_y y^-alpha with the platform Math.Pow.
        double norm = Enumerable.Range(1, 50).Sum(x => Math.Pow(x, -1.2));
        double[] p = Enumerable.Range(1, 50).Select(x => Math.Pow(x, -1.2) / norm).ToArray();
        Assert.Equal(p, z.Probabilities, new ToleranceComparer(1e-14));
        Assert.True(Stats.ChiSquarePValue(z.Counts.Select(c => (long)c).ToArray(), p) > 1e-4);
        Assert.Equal(100_000, z.Counts.Sum());
    }

    [Fact]
    public void Outputs_are_the_input_mod_M_and_counts_match_the_samples()
    {
        var z = ZipfAssociations.Generate(new ZipfConfig { N = 30, M = 7, Alpha = 1, Samples = 5000 }, 2);
        Assert.All(Enumerable.Range(0, 5000), t => Assert.Equal(z.Inputs[t] % 7, z.Outputs[t]));
        var counts = new int[30];
        foreach (int x in z.Inputs)
        {
            counts[x]++;
        }
        Assert.Equal(counts, z.Counts);
    }

    [Fact]
    public void Unseen_mass_equals_its_closed_form_and_the_average_over_samples()
    {
        var config = new ZipfConfig { N = 1000, Alpha = 1.5, Samples = 200 };
        var first = ZipfAssociations.Generate(config, 0);
        double closedForm = first.Probabilities.Sum(p => p * Math.Pow(1 - p, 200));
        Assert.Equal(closedForm, first.ExpectedUnseenMass, 1e-13);
        const int runs = 400;
        var empirical = Enumerable.Range(0, runs).Select(s => ZipfAssociations.Generate(config, (ulong)s).EmpiricalUnseenMass).ToArray();
        double mean = empirical.Average();
        double sd = Math.Sqrt(empirical.Sum(u => (u - mean) * (u - mean)) / (runs - 1));
        Assert.InRange(closedForm, mean - 4 * sd / Math.Sqrt(runs), mean + 4 * sd / Math.Sqrt(runs));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance * Math.Max(Math.Abs(x), Math.Abs(y));

        public int GetHashCode(double obj) => 0;
    }
}
