using Trainer.Training.Runs;
using static Trainer.Torch.torch;

namespace Trainer.Training.Tasks;

/// <summary>Rebuilds a run's model from its config.json and loads the weights of its checkpoint.</summary>
public static class RunLoader
{
    /// <summary>
    /// The prepared task of <paramref name="run"/> with the weights of <c>ckpt.safetensors</c> (or
    /// <c>best.safetensors</c> when <paramref name="best"/>) loaded, in eval mode.
    /// </summary>
    public static (ITaskDefinition Task, object Config, PreparedTask Prepared) Load(RunFolder run, bool best = false)
    {
        var (task, config) = TaskRegistry.Load(run.ConfigPath, Array.Empty<string>());
        PreparedTask prepared = task.Prepare(config);
        string path = best && File.Exists(run.BestCheckpointPath) ? run.BestCheckpointPath : run.CheckpointPath;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{run.Path} has no checkpoint yet ({Path.GetFileName(path)}); train it first");
        }

        var weights = load(path).Where(kv => !kv.Key.StartsWith("__", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value);
        try
        {
            prepared.Model.Module.load_state_dict(weights, strict: true);
        }
        finally
        {
            foreach (var t in weights.Values)
            {
                t.Dispose();
            }
        }

        prepared.Model.Module.eval();
        return (task, config, prepared);
    }
}
