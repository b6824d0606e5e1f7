using Trainer.Training.Progress;
using Trainer.Training.Tests.Runs;

namespace Trainer.Training.Tests.Progress;

public class PlainProgressTests
{
    private static readonly TimeSpan _stepTime = TimeSpan.FromMilliseconds(80); // 12.5 steps/s

    private static (PlainProgress Sink, StringWriter Output, FixedClock Clock) Make(PlainProgressOptions options)
    {
        var clock = new FixedClock(DateTimeOffset.UnixEpoch);
        var output = new StringWriter { NewLine = "\n" };
        return (new PlainProgress(output, options, clock), output, clock);
    }

    private static string[] Lines(StringWriter output) => output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Lines_come_at_most_every_interval_with_rate_and_eta()
    {
        var (sink, output, clock) = Make(new PlainProgressOptions { Interval = TimeSpan.FromSeconds(10) });

        for (var step = 1; step <= 1000; step++)
        {
            clock.Advance(_stepTime);
            sink.Report(new ProgressUpdate(step, 1000, 2.5));
        }

        var lines = Lines(output);
        // First report at t = 0.08 s, then every 10 s = 125 steps: steps 1, 126, 251, ..., 876.
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"step {1 + 125 * i}/1000"),
            lines.Select(l => l[..l.IndexOf("  ", StringComparison.Ordinal)]));
        Assert.Equal("step 1/1000  loss 2.5000", lines[0]);
        // eta at step 126: (1000 - 126) / 12.5 = 69.92 s -> 1m10s
        Assert.Equal("step 126/1000  loss 2.5000  12.5 steps/s  eta 1m10s", lines[1]);
    }

    [Fact]
    public void The_step_trigger_prints_at_multiples_of_k()
    {
        var (sink, output, clock) = Make(new PlainProgressOptions { Interval = TimeSpan.MaxValue, EverySteps = 250 });

        for (var step = 1; step <= 1000; step += 3)
        {
            clock.Advance(_stepTime * 3);
            sink.Report(new ProgressUpdate(step, 1000));
        }

        var steps = Lines(output).Select(l => l.Split(' ', 3)[1]).ToArray();
        // reports are 1, 4, 7, ...: the first report at or past each multiple of 250 prints
        Assert.Equal(["1/1000", "250/1000", "502/1000", "751/1000", "1000/1000"], steps);
    }

    [Fact]
    public void A_burst_of_reports_within_the_interval_prints_once()
    {
        var (sink, output, clock) = Make(new PlainProgressOptions { Interval = TimeSpan.FromSeconds(10) });

        sink.Report(new ProgressUpdate(1, 100));
        clock.Advance(TimeSpan.FromSeconds(9.99));
        sink.Report(new ProgressUpdate(2, 100));
        clock.Advance(TimeSpan.FromSeconds(0.01));
        sink.Report(new ProgressUpdate(3, 100));

        Assert.Equal(2, Lines(output).Length);
        Assert.StartsWith("step 3/100", Lines(output)[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_prints_a_final_line_with_average_rate_and_time_once()
    {
        var (sink, output, clock) = Make(new PlainProgressOptions { Interval = TimeSpan.FromHours(1), PrintFirst = false });

        clock.Advance(TimeSpan.FromSeconds(2));
        sink.Report(new ProgressUpdate(10, 100, 3.0, Tokens: 10 * 512));
        clock.Advance(TimeSpan.FromSeconds(18));
        sink.Complete(new ProgressUpdate(100, 100, 1.23456, Tokens: 100 * 512), "done");
        sink.Complete(new ProgressUpdate(100, 100, 1.23456), "done");

        // (100 - 10) steps in 18 s = 5 steps/s; 90 * 512 tokens in 18 s = 2560 tok/s; 20 s since start
        Assert.Equal(["done  step 100/100  loss 1.2346  5.00 steps/s  2560 tok/s  took 20s"], Lines(output));
    }

    [Fact]
    public void Log_lines_pass_straight_through()
    {
        var (sink, output, _) = Make(new PlainProgressOptions());

        sink.Log("eval step 200  val/loss 2.1000");

        Assert.Equal(["eval step 200  val/loss 2.1000"], Lines(output));
    }

    [Fact]
    public void The_rate_follows_a_change_of_speed_over_the_window()
    {
        var meter = new RateMeter(TimeSpan.FromSeconds(10));
        var at = TimeSpan.Zero;
        long step = 0;
        for (var i = 0; i < 100; i++)
        {
            at += TimeSpan.FromSeconds(0.1);
            meter.Add(at, ++step, null); // 10 steps/s for 10 s
        }
        for (var i = 0; i < 400; i++)
        {
            at += TimeSpan.FromSeconds(0.05);
            meter.Add(at, ++step, null); // 20 steps/s for 20 s
        }

        Assert.Equal(20, meter.StepsPerSecond!.Value, 6);
        // 499 steps after the first sample in 29.9 s
        Assert.Equal(499 / 29.9, meter.AverageStepsPerSecond!.Value, 6);
        Assert.Null(meter.TokensPerSecond);
    }

    [Theory]
    [InlineData(true, null, null, false)]
    [InlineData(false, "true", null, false)]
    [InlineData(false, "1", "xterm", false)]
    [InlineData(false, null, "dumb", false)]
    [InlineData(false, "false", "xterm-256color", true)]
    [InlineData(false, null, "xterm", true)]
    public void Live_bars_only_on_interactive_terminals(bool redirected, string? ci, string? term, bool interactive)
    {
        var env = new Dictionary<string, string?> { ["CI"] = ci, ["TERM"] = term };

        Assert.Equal(interactive, ConsoleProgress.IsInteractive(redirected, k => env.GetValueOrDefault(k)));
    }
}
