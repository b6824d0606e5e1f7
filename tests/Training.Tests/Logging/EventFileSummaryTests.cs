using Trainer.Training.Logging;

namespace Trainer.Training.Tests.Logging;

public class EventFileSummaryTests
{
    [Fact]
    public void Summary_lists_each_run_and_tag_with_count_steps_and_last_value()
    {
        using var dir = new TempDir();
        using (var writer = new SummaryWriter(dir.Path, new SummaryWriterOptions { Clock = () => 5.0, FlushSeconds = 0 }))
        {
            for (var step = 10; step <= 30; step += 10)
            {
                writer.add_scalar("train/loss", step / 10.0, step);
            }

            writer.add_text("config", "lr: 0.1", 0);
            writer.add_histogram("w", new[] { 1.0, 2.0 }, 30);
            writer.add_scalars("loss", new Dictionary<string, double> { ["val"] = 0.5 }, 30);
        }

        var summary = EventFileSummary.FromDirectory(dir.Path);
        Assert.Equal(2, summary.Files.Count);
        var loss = summary.Tags.Single(t => t.Tag == "train/loss");
        Assert.Equal((".", "scalar", 3L, 10L, 30L, 3.0), (loss.Run, loss.Kind, loss.Count, loss.FirstStep, loss.LastStep, loss.LastScalar!.Value));
        var text = summary.Tags.Single(t => t.Tag == "config/text_summary");
        Assert.Equal(("text", "lr: 0.1"), (text.Kind, text.LastText));
        Assert.Equal("histogram", summary.Tags.Single(t => t.Tag == "w").Kind);
        var val = summary.Tags.Single(t => t.Run == "loss_val");
        Assert.Equal(("loss", 0.5), (val.Tag, val.LastScalar!.Value));

        var table = summary.Format();
        Assert.Contains("train/loss  [scalar] n=3 steps 10..30  3", table, StringComparison.Ordinal);
        Assert.Contains("loss_val: loss  [scalar]", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_of_a_live_file_notes_an_incomplete_last_record()
    {
        using var dir = new TempDir();
        string path;
        using (var writer = new SummaryWriter(dir.Path, new SummaryWriterOptions { Clock = () => 5.0, FlushSeconds = 0 }))
        {
            writer.add_scalar("x", 1, 1);
            path = writer.FilePath;
        }

        File.AppendAllBytes(path, [1, 2, 3]);
        var summary = EventFileSummary.FromFile(path);
        Assert.Equal(1, summary.Tags.Single().Count);
        Assert.Contains("incomplete last record", Assert.Single(summary.Warnings), StringComparison.Ordinal);
    }
}
