using System.Diagnostics;
using Trainer.Training.Distributed;
using Trainer.Training.Runs;

namespace Trainer.Training.Tests.Distributed;

/// <summary>
/// The CLI as real worker processes on loopback: data-parallel training against one process, a worker that dies,
/// resuming with the same and with another world size.
/// </summary>
public class LaunchTests
{
    [Fact]
    public void Two_workers_on_a_global_batch_end_with_the_weights_of_one_worker_on_that_batch()
    {
        if (Ranks.Unavailable())
        {
            return;
        }

        using var tiny = new Loop.TinyRun();
        string[] sets = CliWorkers.Sets("train.steps=20", "train.eval_every=20", "train.checkpoint_every=20");
        string one = Path.Combine(tiny.Root, "one"), two = Path.Combine(tiny.Root, "two");
        using Process single = CliWorkers.Start(one, null, sets);
        CliWorkers.Finish(single);
        using Process launcher = CliWorkers.Start(two, null, sets.Prepend("2").Prepend("--nproc").ToArray());
        string output = CliWorkers.Finish(launcher);

        Assert.Contains("launching 2 worker(s)", output);
        Assert.Contains("rank 1: completed at step 20", output);
        Assert.Contains("completed at step 20", output);
        var expected = CliWorkers.Weights(one);
        var got = CliWorkers.Weights(two);
        Assert.Equal(expected.Keys.Order(), got.Keys.Order());
        foreach (var (name, w) in expected)
        {
            for (int i = 0; i < w.Length; i++)
            {
                Assert.True(Math.Abs(w[i] - got[name][i]) <= 1e-5 + 1e-4 * Math.Abs(w[i]), $"{name}[{i}]: {got[name][i]} vs {w[i]}");
            }
        }

        Assert.Equal(2, WorldSizeFile.Read(RunFolder.List(two).Single()));
        Assert.Single(Directory.GetDirectories(two)); // rank 1 wrote no run folder
    }

    [Fact]
    public async Task When_a_worker_dies_the_other_stops_with_an_error_instead_of_hanging()
    {
        if (Ranks.Unavailable())
        {
            return;
        }

        using var tiny = new Loop.TinyRun();
        int port = Ranks.FreePort();
        string[] args = CliWorkers.Sets("train.steps=1000000", "train.eval_every=0", "train.checkpoint_every=0")
            .Concat(new[] { "--dist-timeout", "20" }).ToArray();
        using Process rank0 = CliWorkers.Start(tiny.Root, CliWorkers.Env(0, 2, port), args);
        using Process rank1 = CliWorkers.Start(tiny.Root, CliWorkers.Env(1, 2, port), args);
        Task<string> out0 = rank0.StandardOutput.ReadToEndAsync();
        Task<string> err0 = rank0.StandardError.ReadToEndAsync();
        WaitForTraining(tiny.Root, rank0);

        rank1.Kill(entireProcessTree: true); // SIGKILL: no goodbye on the sockets beyond the kernel closing them
        var sw = Stopwatch.StartNew();
        Assert.True(rank0.WaitForExit(30_000), "rank 0 kept running after rank 1 died");
        Assert.NotEqual(0, rank0.ExitCode);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(25), $"rank 0 took {sw.Elapsed} to notice");
        string all = await out0 + await err0;
        Assert.Contains("failed on rank 0 of 2", all);
    }

    [Fact]
    public void A_two_worker_run_resumes_with_two_workers_and_refuses_one()
    {
        if (Ranks.Unavailable())
        {
            return;
        }

        using var tiny = new Loop.TinyRun();
        string straight = Path.Combine(tiny.Root, "straight"), stopped = Path.Combine(tiny.Root, "stopped");
        string[] nproc = { "--nproc", "2" };
        CliWorkers.Finish(CliWorkers.Start(straight, null, nproc.Concat(CliWorkers.Sets("train.steps=20", "train.checkpoint_every=10")).ToArray()));
        CliWorkers.Finish(CliWorkers.Start(stopped, null, nproc.Concat(CliWorkers.Sets("train.steps=20", "train.checkpoint_every=10", "train.max_minutes=0.000001")).ToArray()));
        RunFolder run = RunFolder.List(stopped).Single();
        Assert.True(run.HasCheckpoint);
        Assert.Contains("\"end_reason\": \"wall-time limit\"", File.ReadAllText(run.MetricsPath));

        string refused = CliWorkers.Finish(CliWorkers.Start(stopped, null, "--resume", run.Path), expectedExit: 1);
        Assert.Contains("trained with 2 worker(s)", refused);

        string resumed = CliWorkers.Finish(CliWorkers.Start(stopped, null,
            nproc.Concat(new[] { "--resume", run.Path, "--set", "train.max_minutes=0" }).ToArray()));
        Assert.Contains("resumed at step", resumed);
        Assert.Equal(CliWorkers.Weights(straight), CliWorkers.Weights(stopped)); // bit for bit
    }

    private static void WaitForTraining(string root, Process rank0)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(60) && !rank0.HasExited)
        {
            string? metrics = Directory.Exists(root)
                ? Directory.GetFiles(root, "metrics.json", SearchOption.AllDirectories).FirstOrDefault()
                : null;
            if (metrics is not null)
            {
                return;
            }

            Thread.Sleep(50);
        }

        Assert.Fail("the workers never started training");
    }
}
