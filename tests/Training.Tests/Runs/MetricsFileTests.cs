using System.Text.Json;
using Trainer.Training.Runs;

namespace Trainer.Training.Tests.Runs;

public class MetricsFileTests
{
    [Fact]
    public void Values_and_series_persist_across_reopening()
    {
        using var dir = new TempFolder();
        var metrics = new MetricsFile(dir.File("metrics.json"));

        metrics.Set("final/val_loss", 1.93);
        metrics.Append("eval", 100, new Dictionary<string, double> { ["val/loss"] = 2.5 });
        metrics.Append("eval", 200, new Dictionary<string, double> { ["val/loss"] = 2.1 });

        using var doc = JsonDocument.Parse(File.ReadAllText(dir.File("metrics.json")));
        Assert.Equal(1.93, doc.RootElement.GetProperty("final/val_loss").GetDouble());
        var eval = doc.RootElement.GetProperty("eval");
        Assert.Equal([100L, 200L], eval.EnumerateArray().Select(e => e.GetProperty("step").GetInt64()));
        Assert.Equal(2.1, eval[1].GetProperty("val/loss").GetDouble());
        Assert.Equal(2, new MetricsFile(dir.File("metrics.json")).Snapshot()["eval"]!.AsArray().Count);
        Assert.Contains("\n    {\"step\": 100, \"val/loss\": 2.5},\n", File.ReadAllText(dir.File("metrics.json")),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Replaying_a_step_after_resume_overwrites_instead_of_duplicating()
    {
        using var dir = new TempFolder();
        var metrics = new MetricsFile(dir.File("metrics.json"));
        foreach (var step in new long[] { 100, 200, 300 })
        {
            metrics.Append("eval", step, new Dictionary<string, double> { ["loss"] = step });
        }

        var resumed = new MetricsFile(dir.File("metrics.json"));
        resumed.Append("eval", 200, new Dictionary<string, double> { ["loss"] = -1 });

        var steps = resumed.Snapshot()["eval"]!.AsArray().Select(e => (long)e!["step"]!).ToArray();
        Assert.Equal([100L, 200L], steps);
        Assert.Equal(-1.0, (double)resumed.Snapshot()["eval"]![1]!["loss"]!);
    }

    [Fact]
    public void Truncate_after_drops_later_entries_of_every_series()
    {
        using var dir = new TempFolder();
        var metrics = new MetricsFile(dir.File("metrics.json"));
        metrics.Append("eval", 100, new Dictionary<string, double> { ["loss"] = 1 });
        metrics.Append("eval", 300, new Dictionary<string, double> { ["loss"] = 1 });
        metrics.Append("probe", 250, new Dictionary<string, double> { ["acc"] = 1 });

        metrics.TruncateAfter(200);

        var snapshot = metrics.Snapshot();
        Assert.Single(snapshot["eval"]!.AsArray());
        Assert.Empty(snapshot["probe"]!.AsArray());
    }

    [Fact]
    public void Non_finite_values_are_stored_as_strings()
    {
        using var dir = new TempFolder();
        var metrics = new MetricsFile(dir.File("metrics.json"));

        metrics.Set("loss", double.NaN);

        using var doc = JsonDocument.Parse(File.ReadAllText(dir.File("metrics.json")));
        Assert.Equal("NaN", doc.RootElement.GetProperty("loss").GetString());
    }

    [Fact]
    public void A_corrupt_metrics_file_is_a_clear_error()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("metrics.json"), "{\"eval\": [");

        var e = Assert.Throws<InvalidDataException>(() => new MetricsFile(dir.File("metrics.json")));

        Assert.Contains("metrics.json", e.Message, StringComparison.Ordinal);
    }
}
