using Trainer.Torch;

namespace Trainer.Models.Core;

/// <summary>
/// One batch: <see cref="Input"/> (e.g. token ids (B, T) int64 or features (B, d)), <see cref="Target"/> (e.g. next
/// tokens (B, T) with -1 at ignored positions), and optional named extras (negatives, masks). Disposing the batch
/// frees its tensors.
/// </summary>
public sealed class Batch : IDisposable
{
    public Batch(Tensor input, Tensor? target = null, IReadOnlyDictionary<string, Tensor>? extra = null, long tokens = 0)
    {
        Input = input;
        Target = target;
        Extra = extra ?? new Dictionary<string, Tensor>();
        Tokens = tokens > 0 ? tokens : input.numel();
    }

    public Tensor Input { get; }

    public Tensor? Target { get; }

    public IReadOnlyDictionary<string, Tensor> Extra { get; }

    /// <summary>Tokens (or examples) in the batch, for throughput logging.</summary>
    public long Tokens { get; }

    public Tensor this[string name] =>
        Extra.TryGetValue(name, out Tensor? t) ? t : throw new KeyNotFoundException($"batch has no tensor '{name}'");

    public void Dispose()
    {
        Input.Dispose();
        Target?.Dispose();
        foreach (Tensor t in Extra.Values)
        {
            t.Dispose();
        }
    }
}
