using MathNet.Numerics.Distributions;

namespace Trainer.Data.Tests;

/// <summary>Goodness-of-fit helpers shared by the statistical tests (MathNet supplies the chi-square law).</summary>
internal static class Stats
{
    /// <summary>
    /// Pearson chi-square p-value of observed counts against expected counts; bins with expectation below 5 are
    /// pooled into one bin so the chi-square approximation holds.
    /// </summary>
    public static double ChiSquarePValue(IReadOnlyList<double> observed, IReadOnlyList<double> expected)
    {
        double stat = 0;
        int bins = 0;
        double pooledObs = 0;
        double pooledExp = 0;
        for (int i = 0; i < observed.Count; i++)
        {
            if (expected[i] < 5)
            {
                pooledObs += observed[i];
                pooledExp += expected[i];
                continue;
            }
            stat += Sq(observed[i] - expected[i]) / expected[i];
            bins++;
        }
        if (pooledExp > 0)
        {
            stat += Sq(pooledObs - pooledExp) / pooledExp;
            bins++;
        }
        if (bins < 2)
        {
            return 1.0;
        }
        return 1 - ChiSquared.CDF(bins - 1, stat);
    }

    /// <summary>Chi-square p-value of integer counts against probabilities times the total.</summary>
    public static double ChiSquarePValue(IReadOnlyList<long> counts, IReadOnlyList<double> probabilities)
    {
        double total = counts.Sum();
        return ChiSquarePValue(counts.Select(c => (double)c).ToArray(), probabilities.Select(p => p * total).ToArray());
    }

    private static double Sq(double x) => x * x;
}
