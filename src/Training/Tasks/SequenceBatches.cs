using Trainer.Data.Randomness;
using Trainer.Data.Tasks;
using Trainer.Models.Core;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Training.Tasks;

/// <summary>
/// Batches of token sequences (inputs and next-token targets, -1 = ignored) as a pure function of the step:
/// epoch e = step / steps_per_epoch visits the rows in a permutation drawn from (seed, e), so a resumed run sees
/// exactly the batches an uninterrupted one would. A batch size of 0 or at least the row count means full batch.
/// </summary>
public sealed class SequenceBatches : IBatchSource
{
    private readonly SequenceArrays _train;
    private readonly SequenceArrays? _validation;
    private readonly int _batchSize;
    private readonly ulong _seed;
    private readonly bool _shuffle;
    private long _cachedEpoch = -1;
    private int[] _order = Array.Empty<int>();

    public SequenceBatches(SequenceArrays train, SequenceArrays? validation, int batchSize, ulong seed, bool shuffle = true)
    {
        if (train.Count == 0)
        {
            throw new ArgumentException("the training set is empty", nameof(train));
        }

        _train = train;
        _validation = validation;
        _batchSize = batchSize <= 0 || batchSize >= train.Count ? train.Count : batchSize;
        _seed = seed;
        _shuffle = shuffle;
    }

    /// <summary>Rows per batch (the last batch of an epoch may be smaller).</summary>
    public int BatchSize => _batchSize;

    public long StepsPerEpoch => (_train.Count + _batchSize - 1) / _batchSize;

    public Batch Train(long step)
    {
        long epoch = step / StepsPerEpoch;
        int index = (int)(step % StepsPerEpoch);
        if (epoch != _cachedEpoch)
        {
            _order = _shuffle
                ? Sampling.Permutation(Rng.ForStream(_seed, (ulong)epoch), _train.Count)
                : Enumerable.Range(0, _train.Count).ToArray();
            _cachedEpoch = epoch;
        }

        int start = index * _batchSize;
        int count = Math.Min(_batchSize, _train.Count - start);
        return Slice(_train, _order.AsSpan(start, count));
    }

    public IEnumerable<Batch> Validation()
    {
        if (_validation is null || _validation.Count == 0)
        {
            yield break;
        }

        int all = _validation.Count;
        int[] rows = Enumerable.Range(0, all).ToArray();
        int size = Math.Max(_batchSize, 1024);
        for (int start = 0; start < all; start += size)
        {
            yield return Slice(_validation, rows.AsSpan(start, Math.Min(size, all - start)));
        }
    }

    /// <summary>The rows <paramref name="rows"/> as (B, T) int64 input and target tensors.</summary>
    public static Batch Slice(SequenceArrays data, ReadOnlySpan<int> rows)
    {
        int t = data.Length;
        var input = new long[rows.Length * t];
        var target = new long[rows.Length * t];
        for (int r = 0; r < rows.Length; r++)
        {
            int src = rows[r] * t;
            for (int j = 0; j < t; j++)
            {
                input[r * t + j] = data.Inputs[src + j];
                target[r * t + j] = data.Targets[src + j];
            }
        }

        long[] shape = { rows.Length, t };
        long tokens = target.LongCount(v => v >= 0);
        return new Batch(DisposeScope.Detach(tensor(input, shape)), DisposeScope.Detach(tensor(target, shape)), tokens: Math.Max(1, tokens));
    }
}
