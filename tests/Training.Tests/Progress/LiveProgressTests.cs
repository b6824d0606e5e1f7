using Spectre.Console;
using Trainer.Training.Progress;
using Trainer.Training.Tests.Runs;

namespace Trainer.Training.Tests.Progress;

public class LiveProgressTests
{
    [Fact]
    public void The_live_bar_draws_stats_logs_above_and_ends_with_the_final_line()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 160;

        var clock = new FixedClock(DateTimeOffset.UnixEpoch);

        using (var sink = new LiveProgress(console, "demo", clock))
        {
            sink.Report(new ProgressUpdate(1, 4, 2.5));
            sink.Log("eval step 1  val/loss 2.4000");
            clock.Advance(TimeSpan.FromSeconds(1));
            sink.Report(new ProgressUpdate(4, 4, 1.5));
            sink.Complete(new ProgressUpdate(4, 4, 1.5));
        }

        var text = output.ToString();
        // the bar's last frame (drawn when it stops): 3 steps in 1 s, nothing left to do
        Assert.Contains("100%", text, StringComparison.Ordinal);
        Assert.Contains("step 4/4  loss 1.5000  3.00 steps/s  eta 0s", text, StringComparison.Ordinal);
        Assert.Contains("eval step 1  val/loss 2.4000", text, StringComparison.Ordinal);
        Assert.Contains("done  step 4/4  loss 1.5000  3.00 steps/s  took 1s", text, StringComparison.Ordinal);
    }
}
