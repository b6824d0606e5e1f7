using Spectre.Console;
using Trainer.Training.Progress;

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

        using (var sink = new LiveProgress(console, "demo"))
        {
            sink.Report(new ProgressUpdate(1, 4, 2.5));
            Thread.Sleep(250); // let Spectre's refresh thread draw at least once
            sink.Log("eval step 1  val/loss 2.4000");
            sink.Report(new ProgressUpdate(4, 4, 1.5));
            sink.Complete(new ProgressUpdate(4, 4, 1.5));
        }

        var text = output.ToString();
        Assert.Contains("step 1/4  loss 2.5000", text, StringComparison.Ordinal);
        Assert.Contains("eval step 1  val/loss 2.4000", text, StringComparison.Ordinal);
        Assert.Contains("done  step 4/4  loss 1.5000", text, StringComparison.Ordinal);
    }
}
