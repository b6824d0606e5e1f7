using Trainer.Training.Reports;

namespace Trainer.Training.Tests.Reports;

public class AxisScaleTests
{
    [Fact]
    public void Linear_ticks_are_whole_steps_of_one_two_or_five_covering_the_data()
    {
        AxisScale s = AxisScale.Linear([0.03, 0.93], 100, 500);
        Assert.Equal([0.0, 0.2, 0.4, 0.6, 0.8, 1.0], s.Ticks);
        Assert.Equal(100, s.Map(0), 9);
        Assert.Equal(500, s.Map(1), 9);
        Assert.Equal(300, s.Map(0.5), 9);
        Assert.Equal("0.6", s.Label(0.6));
    }

    [Fact]
    public void A_y_axis_maps_upwards_and_a_constant_series_still_gets_a_range()
    {
        AxisScale y = AxisScale.Linear([3, 3, 3], 300, 20);
        Assert.True(y.Min < 3 && y.Max > 3);
        Assert.True(y.Map(y.Max) < y.Map(y.Min));
        Assert.True(y.Ticks.Length >= 2);
    }

    [Fact]
    public void Log_ticks_are_decades_and_non_positive_values_sit_on_the_floor()
    {
        AxisScale y = AxisScale.Log([0.02, 3.1, double.NaN, -1], 300, 0);
        Assert.Equal([0.01, 0.1, 1, 10], y.Ticks, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(300, y.Map(0.01), 9);
        Assert.Equal(0, y.Map(10), 9);
        Assert.Equal(200, y.Map(0.1), 9);
        Assert.Equal(300, y.Map(-5), 9);
        Assert.Equal("1e-2", y.Label(0.01));
    }

    [Theory]
    [InlineData(0.13, 0.2)]
    [InlineData(3, 5)]
    [InlineData(7, 10)]
    [InlineData(1, 1)]
    [InlineData(1500, 2000)]
    public void Nice_steps_round_up_to_one_two_or_five_times_a_power_of_ten(double raw, double nice) =>
        Assert.Equal(nice, AxisScale.NiceStep(raw), 9);
}
