using System.Text.Json;
using System.Text.Json.Nodes;
using Trainer.Training.Runs;

namespace Trainer.Training.Distributed;

/// <summary>
/// <c>distributed.json</c> in a run folder, written by rank 0: <c>{"world_size": W, "backend": "gloo"}</c>. A run
/// folder without it was trained by one process (W = 1). A resume must use the same W: the shards, and so the float
/// summation order of every gradient, depend on it.
/// </summary>
public static class WorldSizeFile
{
    public const string FileName = "distributed.json";

    public static int Read(RunFolder run)
    {
        string path = run.File(FileName);
        if (!File.Exists(path))
        {
            return 1;
        }

        return JsonNode.Parse(File.ReadAllText(path))?["world_size"]?.GetValue<int>()
            ?? throw new InvalidDataException($"{path} has no world_size");
    }

    public static void Write(RunFolder run, int worldSize, string backend = "gloo") =>
        AtomicFile.WriteText(run.File(FileName),
            new JsonObject { ["world_size"] = worldSize, ["backend"] = backend }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");

    /// <summary>Throws unless the run was trained with <paramref name="worldSize"/> processes.</summary>
    public static void CheckResume(RunFolder run, int worldSize)
    {
        int before = Read(run);
        if (before != worldSize)
        {
            throw new InvalidOperationException($"{run.Path} was trained with {before} worker(s); resume it with the " +
                $"same number (--nproc {before}), not {worldSize}");
        }
    }
}
