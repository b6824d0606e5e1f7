using Trainer.Models.Core;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Training.Distributed;

/// <summary>
/// One rank's share of another batch source: at step s the global batch of B rows (<c>inner.Train(s)</c>, the same on
/// every rank because sources are pure functions of the step) is cut by a <see cref="DistributedSampler"/> for epoch
/// s / steps_per_epoch, and this rank keeps its ceil(B/W) rows of every tensor whose first dimension is B (input,
/// target and the extras; tensors of another first size are shared unchanged). With B divisible by W the shards
/// partition the batch, so the average of the ranks' mean losses is the mean loss over B and data-parallel training
/// follows the single-process run. Validation batches are passed through whole: every rank evaluates the same set.
/// </summary>
public sealed class ShardedBatchSource : IBatchSource
{
    private readonly IBatchSource _inner;
    private readonly DistributedSampler _sampler;
    private readonly HashSet<int> _warned = new();

    public ShardedBatchSource(IBatchSource inner, DistributedSampler sampler)
    {
        _inner = inner;
        _sampler = sampler;
    }

    public long StepsPerEpoch => _inner.StepsPerEpoch;

    public DistributedSampler Sampler => _sampler;

    /// <summary>Raised once per distinct global batch size that W does not divide (rows get repeated then).</summary>
    public event Action<int, int>? UnevenBatch;

    public Batch Train(long step)
    {
        Batch global = _inner.Train(step);
        if (_sampler.WorldSize == 1)
        {
            return global;
        }

        using (global)
        {
            long b = global.Input.size(0);
            long epoch = step / Math.Max(1, StepsPerEpoch);
            int[] rows = _sampler.Indices(checked((int)b), epoch);
            if (_sampler.Padding((int)b) > 0)
            {
                WarnOnce((int)b);
            }

            using Tensor index = tensor(rows.Select(r => (long)r).ToArray());
            Tensor input = Rows(global.Input, b, index);
            Tensor? target = global.Target is { } t ? Rows(t, b, index) : null;
            var extra = global.Extra.ToDictionary(kv => kv.Key, kv => Rows(kv.Value, b, index));
            long tokens = Math.Max(1, global.Tokens * rows.Length / b);
            return new Batch(input, target, extra, tokens);
        }
    }

    public IEnumerable<Batch> Validation() => _inner.Validation();

    // The rows of a tensor with B rows, or an independent copy of a tensor of another shape.
    private static Tensor Rows(Tensor t, long b, Tensor index) =>
        DisposeScope.Detach(t.ndim >= 1 && t.size(0) == b ? t.index_select(0, index) : t.clone());

    private void WarnOnce(int b)
    {
        if (_warned.Add(b))
        {
            UnevenBatch?.Invoke(b, _sampler.Padding(b));
        }
    }
}
