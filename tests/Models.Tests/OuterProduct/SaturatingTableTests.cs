using Trainer.Models.OuterProduct;

namespace Trainer.Models.Tests.OuterProduct;

/// <summary>The SGD approximation's table (the e^s recurrence that skips most Math.Exp calls) against plain iteration.</summary>
public sealed class SaturatingTableTests
{
    [Theory]
    [InlineData(10.0, 5, 300_000)]  // the benchmark's gamma: steps below 1e-3 after a few hundred updates
    [InlineData(1e-4, 5, 5_000)]    // tiny steps from the start
    [InlineData(100.0, 2, 50_000)]
    public void The_table_equals_iterating_the_saturating_update(double gamma, int classes, int max)
    {
        double[] table = CountEstimators.SaturatingTable(max, gamma, classes);
        double s = 0, worst = 0;
        for (int k = 1; k <= max; k++)
        {
            s = CountEstimators.Saturating(s, gamma, classes);
            worst = Math.Max(worst, Math.Abs(table[k] - s) / Math.Max(1, s));
        }

        Assert.Equal(0, table[0]);
        Assert.True(worst < 1e-12, $"largest relative difference {worst:E2}");
    }
}
