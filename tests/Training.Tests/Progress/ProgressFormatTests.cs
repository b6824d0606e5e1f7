using Trainer.Training.Progress;

namespace Trainer.Training.Tests.Progress;

public class ProgressFormatTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(42.4, "42s")]
    [InlineData(59.6, "1m00s")]
    [InlineData(64, "1m04s")]
    [InlineData(3599, "59m59s")]
    [InlineData(3600 + 180 + 20, "1h03m")]
    [InlineData(25 * 3600 + 59, "1d01h")]
    [InlineData(-1, "?")]
    [InlineData(double.PositiveInfinity, "?")]
    [InlineData(double.NaN, "?")]
    public void Durations_use_the_two_largest_units(double seconds, string text)
    {
        Assert.Equal(text, ProgressFormat.Duration(seconds));
    }

    [Theory]
    [InlineData(2.31414, "2.3141")]
    [InlineData(0, "0.0000")]
    [InlineData(0.0000123, "1.230e-05")]
    [InlineData(123456.7, "1.235e+05")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    public void Losses_have_four_decimals_or_scientific_form(double loss, string text)
    {
        Assert.Equal(text, ProgressFormat.Loss(loss));
    }

    [Theory]
    [InlineData(3.456, "3.46")]
    [InlineData(12.5, "12.5")]
    [InlineData(250, "250")]
    [InlineData(25_600, "25.6k")]
    [InlineData(3_210_000, "3.21M")]
    public void Rates_have_three_significant_figures(double rate, string text)
    {
        Assert.Equal(text, ProgressFormat.Rate(rate));
    }

    [Fact]
    public void A_line_leaves_out_what_is_not_known()
    {
        Assert.Equal("step 7", ProgressFormat.Line(new ProgressUpdate(7, 0), null, null));
        Assert.Equal("step 7/10  loss 1.0000", ProgressFormat.Line(new ProgressUpdate(7, 10, 1.0), null, null));
        Assert.Equal("step 7  2.00 steps/s", ProgressFormat.Line(new ProgressUpdate(7, 0), 2, null));
    }

    [Fact]
    public void Eta_is_remaining_steps_over_rate()
    {
        // (1000 - 200) steps / 12.5 steps/s = 64 s
        var line = ProgressFormat.Line(new ProgressUpdate(200, 1000, 2.31414), 12.5, null);

        Assert.Equal("step 200/1000  loss 2.3141  12.5 steps/s  eta 1m04s", line);
    }
}
