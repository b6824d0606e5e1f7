using Trainer.Torch.Io;
using Trainer.Training.Config;
using Trainer.Training.Loop;
using Trainer.Training.Runs;
using Trainer.Training.Tasks;

namespace Trainer.Training.Tests.Loop;

public class TrainerLoopTests
{
    [Fact]
    public void Same_config_and_seed_give_the_same_losses_bit_for_bit()
    {
        using var tiny = new TinyRun();
        var (a, la) = tiny.NewSession(TinyRun.Config());
        a.Execute(TinyRun.Quiet);
        var (b, lb) = tiny.NewSession(TinyRun.Config());
        b.Execute(TinyRun.Quiet);
        Assert.Equal(60, la.Count);
        Assert.Equal(la, lb);
        Assert.Equal(TinyRun.Weights(a), TinyRun.Weights(b));
        Assert.True(la[^1] < la[0], $"loss did not go down: {la[0]} -> {la[^1]}");
    }

    [Fact]
    public void A_stopped_run_resumed_from_its_checkpoint_ends_with_the_uninterrupted_weights_and_losses()
    {
        using var tiny = new TinyRun();
        var (straight, ls) = tiny.NewSession(TinyRun.Config());
        straight.Execute(TinyRun.Quiet);

        var (first, l1) = tiny.NewSession(TinyRun.Config("name=stopped"));
        using var cancel = new CancellationTokenSource();
        first.Loop.StepEnded += (_, e) =>
        {
            if (e.Step == 33)
            {
                cancel.Cancel();
            }
        };
        RunEndedEventArgs stopped = first.Execute(TinyRun.Quiet, cancel.Token);
        Assert.Equal("interrupted", stopped.Reason);
        Assert.Equal(33, stopped.Step);

        var (second, l2) = tiny.NewSession(TinyRun.Config("name=stopped"), first.Run);
        Assert.True(second.Resume());
        Assert.Equal(33, second.Loop.State.Step);
        second.Execute(TinyRun.Quiet);
        Assert.Equal(ls, l1.Concat(l2).ToList());
        Assert.Equal(TinyRun.Weights(straight), TinyRun.Weights(second));
    }

    [Fact]
    public void A_nan_loss_stops_the_run_naming_the_step_and_keeps_the_last_good_checkpoint()
    {
        using var tiny = new TinyRun();
        var c = TinyRun.Config("train.optimizer=sgd", "train.lr=1e30", "train.checkpoint_every=1", "train.grad_clip=0", "train.schedule=constant");
        var (s, losses) = tiny.NewSession(c);
        var e = Assert.Throws<TrainingDivergedException>(() => s.Execute(TinyRun.Quiet));
        Assert.Contains($"step {e.Step}", e.Message);
        Assert.Contains("last good checkpoint", e.Message);
        Assert.True(s.Run.HasCheckpoint);
        var meta = SafeTensorsFile.ReadHeader(s.Run.CheckpointPath).Metadata;
        Assert.Equal((e.Step - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), meta["step"]);
        Assert.All(Trainer.Torch.torch.load(s.Run.CheckpointPath).Where(kv => !kv.Key.StartsWith("__", StringComparison.Ordinal)),
            kv => Assert.True(kv.Value.isfinite().all().item<bool>(), kv.Key + " is not finite"));
    }

    [Fact]
    public void A_truncated_checkpoint_gives_a_clear_error_on_resume()
    {
        using var tiny = new TinyRun();
        var (s, _) = tiny.NewSession(TinyRun.Config("train.steps=20"));
        s.Execute(TinyRun.Quiet);
        byte[] bytes = File.ReadAllBytes(s.Run.CheckpointPath);
        File.WriteAllBytes(s.Run.CheckpointPath, bytes[..(bytes.Length / 2)]);
        var (again, _) = tiny.NewSession(TinyRun.Config("train.steps=20"), s.Run);
        var e = Assert.Throws<SafeTensorsFormatException>(() => again.Resume());
        Assert.Contains(s.Run.CheckpointPath, e.Message);
    }

    [Fact]
    public void Unknown_config_keys_and_bad_values_name_the_key()
    {
        var e = Assert.Throws<ConfigException>(() => TinyRun.Config("train.lrr=0.1"));
        Assert.Equal("train.lrr", e.Key);
        Assert.Contains("train.lr", e.Message);
        var e2 = Assert.Throws<ConfigException>(() => TinyRun.Config("train.optimizer=adamx"));
        Assert.Contains("adamw", e2.Message);
        var e3 = Assert.Throws<ConfigException>(() => TinyRun.Config("model.kind=lstm"));
        Assert.Contains("edge_network", e3.Message);
    }

    [Fact]
    public void Run_folder_holds_config_events_checkpoints_and_metrics()
    {
        using var tiny = new TinyRun();
        var (s, _) = tiny.NewSession(TinyRun.Config("train.steps=20"));
        s.Execute(TinyRun.Quiet);
        RunFolder run = s.Run;
        Assert.True(File.Exists(run.ConfigPath));
        Assert.True(File.Exists(run.BestCheckpointPath));
        Assert.NotEmpty(Directory.GetFiles(run.Path, "events.out.tfevents.*"));
        var summary = Trainer.Training.Logging.EventFileSummary.FromDirectory(run.Path);
        Assert.Contains(summary.Tags, t => t.Tag == "train/loss" && t.Count >= 4);
        Assert.Contains(summary.Tags, t => t.Tag == "val/loss");
        Assert.Equal(20.0, run.Metrics.Snapshot()["steps"]!.GetValue<double>());
        var reread = ConfigLoader.Load<GraphMemoryConfig>(run.ConfigPath);
        Assert.Equal(ConfigJson.Serialize(TinyRun.Config("train.steps=20")), ConfigJson.Serialize(reread));
    }
}
