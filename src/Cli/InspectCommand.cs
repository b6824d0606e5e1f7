using System.CommandLine;
using Trainer.Torch.Io;
using Trainer.Training.Logging;
using Trainer.Training.Runs;

namespace Trainer.Cli;

/// <summary><c>trainer inspect</c>: a checkpoint (tensors, shapes, metadata), a run folder, or an event file.</summary>
internal static class InspectCommand
{
    public static Command Build()
    {
        var target = new Argument<string>("path") { Description = "A .safetensors file, a run folder (runs/<stamp>-<name>, or 'latest'), or an events.out.tfevents.* file" };
        var cmd = new Command("inspect", "Show what a checkpoint, run folder or TensorBoard event file holds");
        cmd.Arguments.Add(target);
        cmd.SetAction(parse =>
        {
            string path = parse.GetValue(target)!;
            if (path == "latest" || Directory.Exists(path))
            {
                InspectRun(RunFolder.Resolve(path, "runs"));
            }
            else if (path.EndsWith(".safetensors", StringComparison.Ordinal))
            {
                InspectCheckpoint(path);
            }
            else if (Path.GetFileName(path).StartsWith("events.out.tfevents", StringComparison.Ordinal))
            {
                Console.WriteLine(EventFileSummary.FromFile(path).Format());
            }
            else
            {
                throw new ArgumentException($"{path}: not a run folder, a .safetensors file or an event file");
            }

            return 0;
        });
        return cmd;
    }

    private static void InspectCheckpoint(string path)
    {
        SafeTensorsHeader h = SafeTensorsFile.ReadHeader(path);
        Console.WriteLine($"{path}: {h.Tensors.Count} tensors, {h.DataLength / 1024.0:F1} KiB of data");
        long scalars = 0;
        foreach (SafeTensorInfo t in h.Tensors.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {t.Name,-48} {t.DType.HeaderName(),-5} [{string.Join(", ", t.Shape)}]");
            if (!t.Name.StartsWith("__", StringComparison.Ordinal))
            {
                scalars += t.NumElements;
            }
        }

        Console.WriteLine($"  model parameters and buffers: {scalars:N0} values");
        foreach (var (k, v) in h.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            string shown = v.Length > 400 ? v[..400] + " ..." : v;
            Console.WriteLine($"  metadata {k}: {shown.Replace("\n", "\n    ", StringComparison.Ordinal)}");
        }
    }

    private static void InspectRun(RunFolder run)
    {
        Console.WriteLine($"run {run.Name} at {run.Path}");
        if (File.Exists(run.ConfigPath))
        {
            Console.WriteLine("config.json:");
            Console.WriteLine("  " + File.ReadAllText(run.ConfigPath).Trim().Replace("\n", "\n  ", StringComparison.Ordinal));
        }

        if (File.Exists(run.MetricsPath))
        {
            var m = run.Metrics.Snapshot();
            Console.WriteLine($"metrics.json: steps {m["steps"]?.ToJsonString() ?? "?"}, end {m["end_reason"]?.ToJsonString() ?? "(running or killed)"}");
            if (m["final"] is { } final)
            {
                Console.WriteLine("  final " + final.ToJsonString());
            }
        }

        foreach (string ckpt in new[] { run.CheckpointPath, run.BestCheckpointPath }.Where(File.Exists))
        {
            var meta = SafeTensorsFile.ReadHeader(ckpt).Metadata;
            Console.WriteLine($"{Path.GetFileName(ckpt)}: step {meta.GetValueOrDefault("step", "?")}");
        }

        if (Directory.EnumerateFiles(run.Path, "events.out.tfevents.*", SearchOption.AllDirectories).Any())
        {
            Console.WriteLine(EventFileSummary.FromDirectory(run.Path).Format());
            Console.WriteLine($"open with: tensorboard --logdir {run.Path}");
        }
    }
}
