using System.Diagnostics;
using Trainer.Training.Runs;

namespace Trainer.Training.Tests.Distributed;

/// <summary>Starts the trainer CLI as worker processes (through --nproc, or one process per rank with torchrun's variables).</summary>
internal static class CliWorkers
{
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "trainer.dll");

    /// <summary>The tiny graph-memory run of the loop tests (edge network on a 3-arm path-star), as --set pairs.</summary>
    public static string[] Sets(params string[] extra) =>
        Loop.TinyRun.Base.Append("task=graph-memory").Concat(extra).SelectMany(s => new[] { "--set", s }).ToArray();

    public static Process Start(string runsDir, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { Cli, "train", "--runs-dir", runsDir }.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["CI"] = "true";
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        return Process.Start(psi)!;
    }

    /// <summary>Runs to the end; returns stdout + stderr, asserting the exit code.</summary>
    public static string Finish(Process p, int expectedExit = 0, int seconds = 120)
    {
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(seconds * 1000))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"trainer did not exit within {seconds} s:\n{stdout.Result}{stderr.Result}");
        }

        string all = stdout.Result + stderr.Result;
        Assert.True(p.ExitCode == expectedExit, $"exit {p.ExitCode}, expected {expectedExit}:\n{all}");
        return all;
    }

    public static Dictionary<string, string> Env(int rank, int world, int port) => new()
    {
        ["RANK"] = rank.ToString(),
        ["WORLD_SIZE"] = world.ToString(),
        ["LOCAL_RANK"] = rank.ToString(),
        ["MASTER_ADDR"] = "127.0.0.1",
        ["MASTER_PORT"] = port.ToString(),
    };

    /// <summary>The run's final weights by name (from ckpt.safetensors).</summary>
    public static Dictionary<string, float[]> Weights(string runsDir)
    {
        RunFolder run = RunFolder.List(runsDir).Single();
        return Trainer.Torch.torch.load(run.CheckpointPath)
            .Where(kv => !kv.Key.StartsWith("__", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value.data<float>());
    }
}
