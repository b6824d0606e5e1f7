using Trainer.Training.Logging;
using Trainer.Training.Logging.HParams;
using Trainer.Training.Logging.Model;

namespace Trainer.Training.Tests.Logging;

public class SummaryWriterRoundTripTests
{
    private const double T0 = 1_700_000_000.25;

    private static SummaryWriterOptions FixedClock(double t = T0) => new() { Clock = () => t, FlushSeconds = 0 };

    private static List<SummaryValue> ValuesTagged(IEnumerable<EventRecord> events, string tag) =>
        [.. events.SelectMany(e => e.Values).Where(v => v.Tag == tag)];

    [Fact]
    public void First_record_is_the_file_version_with_the_wall_time_in_unix_seconds()
    {
        using var dir = new TempDir();
        string path;
        using (var writer = new SummaryWriter(dir.Path, FixedClock()))
        {
            path = writer.FilePath;
        }

        var first = EventFileReader.ReadAll(path)[0];
        Assert.Equal("brain.Event:2", first.FileVersion);
        Assert.Equal(T0, first.WallTime);
        Assert.Empty(first.Values);
    }

    [Fact]
    public void File_name_has_the_tfevents_seconds_host_pid_and_counter_parts()
    {
        using var dir = new TempDir();
        using var writer = new SummaryWriter(dir.Path, FixedClock());
        var name = Path.GetFileName(writer.FilePath);
        var parts = name.Split('.');

        Assert.StartsWith("events.out.tfevents.1700000000.", name, StringComparison.Ordinal);
        Assert.Equal(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), parts[^2]);
        Assert.True(int.TryParse(parts[^1], out _), name);
        Assert.Contains(System.Net.Dns.GetHostName(), name, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_wall_time_is_close_to_the_system_clock()
    {
        using var dir = new TempDir();
        string path;
        using (var writer = new SummaryWriter(dir.Path, new SummaryWriterOptions { FlushSeconds = 0 }))
        {
            writer.add_scalar("x", 1, 1);
            path = writer.FilePath;
        }

        var expected = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        Assert.All(EventFileReader.ReadAll(path), e => Assert.InRange(e.WallTime, expected - 60, expected + 1));
    }

    [Fact]
    public void Scalars_come_back_with_tag_step_value_and_wall_time()
    {
        using var dir = new TempDir();
        string path;
        using (var writer = new SummaryWriter(dir.Path, FixedClock()))
        {
            for (var step = 0; step < 5; step++)
            {
                writer.add_scalar("train/loss", 1.0 / (step + 1), step);
            }

            writer.add_scalar("lr", 3e-4, 7, walltime: 123.5);
            path = writer.FilePath;
        }

        var events = EventFileReader.ReadAll(path);
        var losses = events.Where(e => e.Values.Any(v => v.Tag == "train/loss")).ToList();
        Assert.Equal([0L, 1, 2, 3, 4], losses.Select(e => e.Step));
        Assert.Equal([1f, 0.5f, 1f / 3, 0.25f, 0.2f], losses.Select(e => e.Values[0].SimpleValue!.Value));
        var lr = events.Single(e => e.Values.Any(v => v.Tag == "lr"));
        Assert.Equal((7L, 123.5, (float)3e-4), (lr.Step, lr.WallTime, lr.Values[0].SimpleValue!.Value));
    }

    [Fact]
    public void Add_scalars_writes_one_run_folder_per_key_under_the_main_tag()
    {
        using var dir = new TempDir();
        using (var writer = new SummaryWriter(dir.Path, FixedClock()))
        {
            writer.add_scalars("loss/all", new Dictionary<string, double> { ["train"] = 1.5, ["val"] = 2.5 }, 3);
            writer.add_scalars("loss/all", new Dictionary<string, double> { ["train"] = 1.0, ["val"] = 2.0 }, 4);
        }

        foreach (var (key, values) in new[] { ("train", new[] { 1.5f, 1.0f }), ("val", new[] { 2.5f, 2.0f }) })
        {
            var folder = Path.Combine(dir.Path, "loss_all_" + key);
            var file = Assert.Single(Directory.GetFiles(folder, "events.out.tfevents.*"));
            var scalars = ValuesTagged(EventFileReader.ReadAll(file), "loss/all");
            Assert.Equal(values, scalars.Select(v => v.SimpleValue!.Value));
        }
    }

    [Fact]
    public void Histogram_comes_back_with_its_statistics_and_buckets()
    {
        using var dir = new TempDir();
        double[] values = [-2.0, -0.5, 0.0, 0.5, 0.5, 3.0];
        var expected = HistogramBuilder.Build(values);
        string path;
        using (var writer = new SummaryWriter(dir.Path, FixedClock()))
        {
            writer.add_histogram("weights", values, 9);
            path = writer.FilePath;
        }

        var h = Assert.Single(ValuesTagged(EventFileReader.ReadAll(path), "weights")).Histogram!;
        Assert.Equal((-2.0, 3.0, 6.0, 1.5, 13.75), (h.Min, h.Max, h.Num, h.Sum, h.SumSquares));
        Assert.Equal(expected.BucketLimits, h.BucketLimits);
        Assert.Equal(expected.BucketCounts, h.BucketCounts);
        Assert.Equal(6.0, h.BucketCounts.Sum());
    }

    [Fact]
    public void Text_goes_to_the_text_plugin_as_a_utf8_string_tensor()
    {
        using var dir = new TempDir();
        const string markdown = "# Config\n| key | value |\n|---|---|\n| lr | 3e-4 |\nünïcödé ✓";
        string path;
        using (var writer = new SummaryWriter(dir.Path, FixedClock()))
        {
            writer.add_text("config", markdown, 2);
            path = writer.FilePath;
        }

        var value = Assert.Single(ValuesTagged(EventFileReader.ReadAll(path), "config/text_summary"));
        Assert.Equal("text", value.PluginName);
        Assert.Equal(markdown, value.Text);
        Assert.Equal(TensorData.DtString, value.Tensor!.Dtype);
        Assert.Equal([1L], value.Tensor.Shape);
    }

    [Fact]
    public void Image_comes_back_as_a_png_of_the_same_size_and_pixels()
    {
        using var dir = new TempDir();
        var pixels = new byte[3 * 5 * 3];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i * 17);
        }

        string path;
        using (var writer = new SummaryWriter(dir.Path, FixedClock()))
        {
            writer.add_image("sample", pixels, height: 3, width: 5, channels: 3, globalStep: 1);
            path = writer.FilePath;
        }

        var image = Assert.Single(ValuesTagged(EventFileReader.ReadAll(path), "sample")).Image!;
        Assert.Equal((3, 5, 3), (image.Height, image.Width, image.Colorspace));
        var decoded = PngTestDecoder.Decode(image.EncodedImage);
        Assert.Equal(pixels, decoded.Pixels);
    }

    [Fact]
    public void Float_CHW_image_is_scaled_by_255_and_truncated_like_PyTorch()
    {
        using var dir = new TempDir();
        float[] chw = [0f, 0.5f, 1f, 2f, -1f, 0.999f]; // C=3, H=1, W=2
        string path;
        using (var writer = new SummaryWriter(dir.Path, FixedClock()))
        {
            writer.add_image("f", chw, height: 1, width: 2, channels: 3);
            path = writer.FilePath;
        }

        var image = Assert.Single(ValuesTagged(EventFileReader.ReadAll(path), "f")).Image!;
        // pixel 0 = (c0[0], c1[0], c2[0]) = (0, 1, -1); pixel 1 = (0.5, 2, 0.999)
        Assert.Equal([0, 255, 0, 127, 255, 254], PngTestDecoder.Decode(image.EncodedImage).Pixels);
    }

    [Fact]
    public void Hparams_write_experiment_session_start_end_and_metrics_in_their_own_run()
    {
        using var dir = new TempDir();
        var hparams = new Dictionary<string, HParamValue> { ["lr"] = 0.001, ["layers"] = 4, ["optimizer"] = "adamw", ["tied"] = true };
        var metrics = new Dictionary<string, double> { ["hparam/accuracy"] = 0.75, ["hparam/loss"] = 0.5 };
        string folder;
        using (var writer = new SummaryWriter(dir.Path, FixedClock()))
        {
            folder = writer.add_hparams(hparams, metrics, new Dictionary<string, HParamValue[]> { ["optimizer"] = ["adamw", "sgd"] }, runName: "hp");
        }

        Assert.Equal(Path.Combine(dir.Path, "hp"), folder);
        var events = EventFileReader.ReadAll(Assert.Single(Directory.GetFiles(folder, "events.out.tfevents.*")));
        var values = events.SelectMany(e => e.Values).ToList();
        Assert.Equal(
            ["_hparams_/experiment", "_hparams_/session_start_info", "_hparams_/session_end_info", "hparam/accuracy", "hparam/loss"],
            values.Select(v => v.Tag));
        Assert.All(values.Take(3), v => Assert.Equal("hparams", v.PluginName));

        var experiment = HParamsPlugin.Decode(values[0].Metadata!.PluginContent);
        Assert.Equal(HParamsContentKind.Experiment, experiment.Kind);
        Assert.Equal(["lr", "layers", "optimizer", "tied"], experiment.HParamInfos.Select(i => i.Name));
        Assert.Equal([3, 3, 1, 2], experiment.HParamInfos.Select(i => i.DataType));
        Assert.Equal<HParamValue>(["adamw", "sgd"], experiment.HParamInfos[2].DomainDiscrete);
        Assert.Equal(["hparam/accuracy", "hparam/loss"], experiment.MetricTags);

        var start = HParamsPlugin.Decode(values[1].Metadata!.PluginContent);
        Assert.Equal(HParamsContentKind.SessionStartInfo, start.Kind);
        Assert.Equal(0.001, start.HParams["lr"].Number);
        Assert.Equal(4.0, start.HParams["layers"].Number);
        Assert.Equal("adamw", start.HParams["optimizer"].Text);
        Assert.True(start.HParams["tied"].Flag);

        var end = HParamsPlugin.Decode(values[2].Metadata!.PluginContent);
        Assert.Equal((HParamsContentKind.SessionEndInfo, 1), (end.Kind, end.Status));
        Assert.Equal([0.75f, 0.5f], values.Skip(3).Select(v => v.SimpleValue!.Value));
    }

    [Fact]
    public void Hparams_value_outside_its_discrete_domain_is_rejected_with_the_name()
    {
        using var dir = new TempDir();
        using var writer = new SummaryWriter(dir.Path, FixedClock());
        var error = Assert.Throws<ArgumentException>(() => writer.add_hparams(
            new Dictionary<string, HParamValue> { ["optimizer"] = "adam" },
            new Dictionary<string, double>(),
            new Dictionary<string, HParamValue[]> { ["optimizer"] = ["sgd"] }));
        Assert.Contains("optimizer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_after_close_throws_and_close_twice_is_harmless()
    {
        using var dir = new TempDir();
        var writer = new SummaryWriter(dir.Path, FixedClock());
        writer.close();
        writer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => writer.add_scalar("x", 1));
    }

    [Fact]
    public void Flush_makes_events_readable_while_the_writer_is_open()
    {
        using var dir = new TempDir();
        using var writer = new SummaryWriter(dir.Path, FixedClock());
        writer.add_scalar("x", 42, 1);
        writer.flush();
        var events = EventFileReader.ReadAll(writer.FilePath);
        Assert.Equal(42f, Assert.Single(events.SelectMany(e => e.Values)).SimpleValue);
    }

    [Fact]
    public void Timer_flushes_without_an_explicit_flush()
    {
        using var dir = new TempDir();
        using var writer = new SummaryWriter(dir.Path, new SummaryWriterOptions { FlushSeconds = 0.05 });
        writer.add_scalar("x", 1, 1);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (EventFileReader.ReadAll(writer.FilePath).Count < 2 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        Assert.Equal(2, EventFileReader.ReadAll(writer.FilePath).Count);
    }

    [Fact]
    public void Concurrent_writers_lose_no_event_and_corrupt_no_record()
    {
        using var dir = new TempDir();
        const int threads = 8, perThread = 500;
        string path;
        using (var writer = new SummaryWriter(dir.Path, new SummaryWriterOptions { FlushSeconds = 0.01 }))
        {
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                for (var i = 0; i < perThread; i++)
                {
                    writer.add_scalar($"thread{t}", i, i);
                    if (i % 100 == 0)
                    {
                        writer.add_text($"note{t}", new string('x', 1000 + i), i);
                    }
                }
            });
            path = writer.FilePath;
        }

        var events = EventFileReader.ReadAll(path);
        for (var t = 0; t < threads; t++)
        {
            var steps = ValuesTagged(events, $"thread{t}").Count;
            Assert.Equal(perThread, steps);
        }
    }

    [Fact]
    public void Unknown_fields_in_an_event_are_skipped_by_the_reader()
    {
        // Event with field 4 (graph_def, bytes) and field 6 (log_message) before a summary; built by hand.
        var summary = Trainer.Training.Logging.Proto.EventEncoder.EncodeSummary([new SummaryValue("a") { SimpleValue = 2f }]);
        byte[] eventBytes = [0x10, 0x05, 0x22, 0x02, 0xAA, 0xBB, 0x32, 0x00, 0x2A, (byte)summary.Length, .. summary];
        var decoded = Trainer.Training.Logging.Proto.EventDecoder.Decode(eventBytes);
        Assert.Equal(5L, decoded.Step);
        Assert.Equal(2f, Assert.Single(decoded.Values).SimpleValue);
        Assert.Equal("a", decoded.Values[0].Tag);
    }
}
