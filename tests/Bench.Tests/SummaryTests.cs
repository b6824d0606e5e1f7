namespace Trainer.Bench.Tests;

public class SummaryTests
{
    [Fact]
    public void Median_of_an_odd_count_is_the_middle_value()
    {
        Summary s = Summary.Of(new[] { 5.0, 1.0, 3.0, 9.0, 2.0 });
        Assert.Equal(3.0, s.Median);
        Assert.Equal(1.0, s.Min);
        Assert.Equal(9.0, s.Max);
        Assert.Equal(5, s.Count);
    }

    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(2.5, Summary.Of(new[] { 4.0, 1.0, 2.0, 3.0 }).Median);
    }

    [Fact]
    public void An_empty_series_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => Summary.Of(Array.Empty<double>()));
    }

    [Theory]
    [InlineData(0.40, Better.Lower, true)]
    [InlineData(0.60, Better.Lower, false)]
    [InlineData(0.96, Better.Higher, true)]
    [InlineData(0.90, Better.Higher, false)]
    public void A_target_is_met_in_the_direction_of_better(double ratio, Better better, bool met)
    {
        var target = new Target(better == Better.Lower ? 0.5 : 0.95, "test");
        Assert.Equal(met, target.IsMet(ratio, better));
    }
}
