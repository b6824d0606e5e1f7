using Trainer.Torch;
using Trainer.Torch.Io;
using Trainer.Torch.Optim;
using static Trainer.Torch.torch;

namespace Trainer.Training.Loop;

/// <summary>
/// One safetensors file holding everything a resume needs: the weights under their dotted names (load them in
/// PyTorch with <c>load_state_dict</c>, see docs/SAFETENSORS.md), the optimizer's tensors under
/// <c>__optimizer__/state.N.name</c>, the RNG state under <c>__rng__/cpu</c>, and in <c>__metadata__</c> the config,
/// the loop state (step, best metric) and the optimizer's JSON. Written atomically (temp file, fsync, rename), so a
/// kill at any moment leaves the previous checkpoint readable.
/// </summary>
public static class Checkpoint
{
    public const string OptimizerPrefix = "__optimizer__/";
    public const string RngKey = "__rng__/cpu";

    public static void Save(string path, TrainerLoop loop, string configJson)
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>(loop.Module.state_dict());
        using OptimizerState opt = loop.Optimizer.state_dict();
        foreach (var (name, t) in opt.ToTensors())
        {
            tensors[OptimizerPrefix + name] = t;
        }

        tensors[RngKey] = get_rng_state();
        var meta = new Dictionary<string, string>(loop.State.ToMetadata())
        {
            ["config"] = configJson,
            ["optimizer"] = opt.ToJson(),
            ["format"] = "trainer-checkpoint-1",
        };
        save(tensors, path, meta);
    }

    /// <summary>Weights only (best.safetensors), with the step and metrics in the metadata.</summary>
    public static void SaveWeights(string path, TrainerLoop loop, IReadOnlyDictionary<string, string> extra)
    {
        var meta = new Dictionary<string, string>(loop.State.ToMetadata());
        foreach (var (k, v) in extra)
        {
            meta[k] = v;
        }

        save(loop.Module.state_dict(), path, meta);
    }

    /// <summary>
    /// Restores weights, optimizer, RNG and loop state into <paramref name="loop"/>. A corrupt or truncated file
    /// raises <see cref="SafeTensorsFormatException"/>; a checkpoint of another model raises a TorchException that
    /// names the missing and unexpected keys.
    /// </summary>
    public static void Load(string path, TrainerLoop loop)
    {
        Dictionary<string, Tensor> all = load(path, out IReadOnlyDictionary<string, string> meta);
        try
        {
            if (!meta.TryGetValue("format", out string? format) || format != "trainer-checkpoint-1")
            {
                throw new SafeTensorsFormatException(path, null, "is not a Trainer checkpoint (no format=trainer-checkpoint-1 metadata)",
                    "pass a ckpt.safetensors written by trainer train");
            }

            var weights = all.Where(kv => !kv.Key.StartsWith("__", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value);
            loop.Module.load_state_dict(weights, strict: true);
            var optTensors = all.Where(kv => kv.Key.StartsWith(OptimizerPrefix, StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key[OptimizerPrefix.Length..], kv => kv.Value);
            using OptimizerState opt = OptimizerState.FromParts(optTensors, meta["optimizer"]);
            loop.Optimizer.load_state_dict(opt);
            set_rng_state(all[RngKey]);
            loop.State.FromMetadata(meta);
        }
        finally
        {
            foreach (Tensor t in all.Values)
            {
                t.Dispose();
            }
        }
    }

    /// <summary>The config JSON stored in a checkpoint's metadata.</summary>
    public static string ReadConfig(string path) =>
        SafeTensorsFile.ReadHeader(path).Metadata.TryGetValue("config", out string? c) ? c : "";
}
