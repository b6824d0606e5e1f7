using System.Diagnostics;
using Trainer.Training.Runs;

namespace Trainer.Training.Tests.Loop;

/// <summary>The trainer CLI as a separate process: redirected progress output and SIGKILL-then-resume.</summary>
public class CliProcessTests
{
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "trainer.dll");

    private static Process Start(string runsDir, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Cli);
        psi.ArgumentList.Add("train");
        psi.ArgumentList.Add("--runs-dir");
        psi.ArgumentList.Add(runsDir);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["CI"] = "true";
        return Process.Start(psi)!;
    }

    private static string[] Sets(params string[] extra) =>
        TinyRun.Base.Concat(extra).SelectMany(s => new[] { "--set", s }).ToArray();

    private static float[] FinalWeights(string runPath) =>
        Trainer.Torch.torch.load(Path.Combine(runPath, "ckpt.safetensors"))
            .Where(kv => !kv.Key.StartsWith("__", StringComparison.Ordinal))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .SelectMany(kv => kv.Value.data<float>()).ToArray();

    [Fact]
    public void Redirected_output_gets_plain_progress_lines_without_escape_codes()
    {
        using var tiny = new TinyRun();
        using Process p = Start(tiny.Root, Sets("task=graph-memory", "train.steps=30"));
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, stderr + stdout);
        Assert.Matches(@"step 1/30\s+loss \d", stdout);
        Assert.Contains("completed at step 30", stdout);
        Assert.Contains("tensorboard --logdir", stdout);
        Assert.DoesNotContain(stdout, c => c == (char)27); // no ANSI escape codes
    }

    [Fact]
    public void A_run_killed_with_sigkill_between_checkpoints_resumes_to_the_uninterrupted_result()
    {
        using var tiny = new TinyRun();
        string[] sets = Sets("task=graph-memory", "train.steps=3000", "train.checkpoint_every=100", "train.eval_every=1000", "name=killed");
        using (Process straight = Start(Path.Combine(tiny.Root, "straight"), sets))
        {
            straight.StandardOutput.ReadToEnd();
            straight.WaitForExit();
            Assert.Equal(0, straight.ExitCode);
        }

        string killedRoot = Path.Combine(tiny.Root, "killed");
        using (Process victim = Start(killedRoot, sets))
        {
            var sw = Stopwatch.StartNew();
            string? ckpt = null;
            while (sw.Elapsed < TimeSpan.FromSeconds(60) && !victim.HasExited)
            {
                ckpt = Directory.Exists(killedRoot)
                    ? Directory.GetFiles(killedRoot, "ckpt.safetensors", SearchOption.AllDirectories).FirstOrDefault()
                    : null;
                if (ckpt is not null)
                {
                    break;
                }

                Thread.Sleep(20);
            }

            Assert.NotNull(ckpt);
            Thread.Sleep(30); // somewhere between two checkpoints
            victim.Kill(entireProcessTree: true); // SIGKILL
            victim.WaitForExit();
        }

        RunFolder run = RunFolder.List(killedRoot).Single();
        using (Process resumed = Start(killedRoot, "--resume", run.Path))
        {
            string output = resumed.StandardOutput.ReadToEnd();
            resumed.WaitForExit();
            Assert.True(resumed.ExitCode == 0, output + resumed.StandardError.ReadToEnd());
            Assert.Contains("resumed at step", output);
        }

        RunFolder reference = RunFolder.List(Path.Combine(tiny.Root, "straight")).Single();
        Assert.Equal(FinalWeights(reference.Path), FinalWeights(run.Path));
    }
}
