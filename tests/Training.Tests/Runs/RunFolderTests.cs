using Trainer.Training.Config;
using Trainer.Training.Runs;
using Trainer.Training.Tests.Config;

namespace Trainer.Training.Tests.Runs;

public class RunFolderTests
{
    private static readonly DateTimeOffset _lateNight = new(2026, 11, 21, 23, 59, 59, TimeSpan.Zero);

    [Fact]
    public void A_run_folder_is_named_by_utc_stamp_and_name()
    {
        using var root = new TempFolder();
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 22, 1, 59, 59, TimeSpan.FromHours(2)));

        var run = RunFolder.Create(root.Path, "demo", clock);

        Assert.Equal("20261121-235959-demo", run.Name);
        Assert.True(Directory.Exists(Path.Combine(root.Path, "20261121-235959-demo")));
        Assert.Equal(new DateTime(2026, 11, 21, 23, 59, 59, DateTimeKind.Utc), run.StartedUtc);
    }

    [Fact]
    public void Runs_created_in_the_same_second_get_unique_suffixes()
    {
        using var root = new TempFolder();
        var clock = new FixedClock(_lateNight);

        var names = Enumerable.Range(0, 3).Select(_ => RunFolder.Create(root.Path, "demo", clock).Name).ToArray();

        Assert.Equal(["20261121-235959-demo", "20261121-235959-demo-2", "20261121-235959-demo-3"], names);
    }

    [Theory]
    [InlineData("my run/1", "my-run-1")]
    [InlineData("path-star_v2.1", "path-star_v2.1")]
    [InlineData("../../etc", "etc")]
    [InlineData("  ", "run")]
    public void Names_are_made_safe_for_folders(string name, string safe)
    {
        Assert.Equal(safe, RunFolder.SafeName(name));
    }

    [Fact]
    public void Latest_is_the_newest_run_with_a_config()
    {
        using var root = new TempFolder();
        var clock = new FixedClock(_lateNight);
        var first = RunFolder.Create(root.Path, "a", clock);
        first.WriteConfig(new ExperimentConfig());
        clock.Advance(TimeSpan.FromHours(1));
        var second = RunFolder.Create(root.Path, "b", clock);
        second.WriteConfig(new ExperimentConfig());
        clock.Advance(TimeSpan.FromHours(1));
        RunFolder.Create(root.Path, "c", clock); // crashed before writing its config: not a run to resume
        Directory.CreateDirectory(Path.Combine(root.Path, "not-a-run"));

        Assert.Equal(second.Path, RunFolder.Latest(root.Path)!.Path);
        Assert.Equal(first.Path, RunFolder.Latest(root.Path, "a")!.Path);
        Assert.Equal([first.Name, second.Name], RunFolder.List(root.Path).Select(r => r.Name));
        Assert.Null(RunFolder.Latest(Path.Combine(root.Path, "missing")));
    }

    [Fact]
    public void Latest_by_name_includes_suffixed_runs_but_not_longer_names()
    {
        using var root = new TempFolder();
        var clock = new FixedClock(_lateNight);
        RunFolder.Create(root.Path, "demo", clock).WriteConfig(new ExperimentConfig());
        var again = RunFolder.Create(root.Path, "demo", clock);
        again.WriteConfig(new ExperimentConfig());
        clock.Advance(TimeSpan.FromSeconds(5));
        RunFolder.Create(root.Path, "demo-large", clock).WriteConfig(new ExperimentConfig());

        Assert.Equal(again.Name, RunFolder.Latest(root.Path, "demo")!.Name);
    }

    [Fact]
    public void A_written_config_reads_back_through_open()
    {
        using var root = new TempFolder();
        var config = ConfigLoader.Defaults<ExperimentConfig>(["model.n_layer=5", "train.optimizer=sgd"]);
        var run = RunFolder.Create(root.Path, "resume-me");
        run.WriteConfig(config);

        var reopened = RunFolder.Resolve("latest", root.Path);
        var back = reopened.ReadConfig<ExperimentConfig>();

        Assert.Equal(run.Path, reopened.Path);
        Assert.Equal(5, back.Model.NLayer);
        Assert.Equal(Optimizer.Sgd, back.Train.Optimizer);
        Assert.False(reopened.HasCheckpoint);
    }

    [Fact]
    public void Open_rejects_missing_folders_and_folders_without_config()
    {
        using var root = new TempFolder();
        var empty = Directory.CreateDirectory(Path.Combine(root.Path, "20261121-235959-x")).FullName;

        Assert.Throws<DirectoryNotFoundException>(() => RunFolder.Open(Path.Combine(root.Path, "nope")));
        var e = Assert.Throws<FileNotFoundException>(() => RunFolder.Open(empty));
        Assert.Contains("config.json", e.Message, StringComparison.Ordinal);
        Assert.Throws<DirectoryNotFoundException>(() => RunFolder.Resolve("latest", root.Path));
    }
}
