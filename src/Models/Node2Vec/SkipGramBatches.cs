using Trainer.Data.Randomness;
using Trainer.Data.Walks;
using Trainer.Models.Core;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Node2Vec;

/// <summary>
/// Batches of (centre, context, negatives) for <see cref="SkipGramModel"/>: every epoch visits all pairs once in a
/// fresh random order (permutation seeded by (seed, epoch)); the negatives of step s come from stream (seed, s), so a
/// batch is a pure function of (seed, step). Shapes: Input (B) int64, Target (B) int64, Extra["negatives"] (B, k).
/// </summary>
public sealed class SkipGramBatches : IBatchSource
{
    private readonly int[] _pairs;
    private readonly NegativeSampler _sampler;
    private readonly int _negatives;
    private readonly ulong _seed;
    private readonly bool _shuffle;
    private long _cachedEpoch = -1;
    private int[]? _order;

    /// <param name="pairs">(K, 2) row-major (centre, context) pairs.</param>
    /// <param name="sampler">Law of the negatives.</param>
    /// <param name="negatives">k negatives per pair.</param>
    /// <param name="batchSize">Pairs per step B (the last step of an epoch may be smaller).</param>
    /// <param name="seed">Seed of the order and of the negatives.</param>
    /// <param name="shuffle">Visit pairs in a random order each epoch (else in corpus order).</param>
    public SkipGramBatches(int[] pairs, NegativeSampler sampler, int negatives, int batchSize, ulong seed, bool shuffle = true)
    {
        if (pairs.Length == 0 || pairs.Length % 2 != 0)
        {
            throw new ArgumentException("pairs must be a non-empty (K, 2) array", nameof(pairs));
        }

        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "the batch size must be >= 1");
        }

        _pairs = pairs;
        _sampler = sampler;
        _negatives = negatives;
        BatchSize = batchSize;
        _seed = seed;
        _shuffle = shuffle;
    }

    public int BatchSize { get; }

    /// <summary>Number of pairs K.</summary>
    public long PairCount => _pairs.Length / 2;

    public long StepsPerEpoch => (PairCount + BatchSize - 1) / BatchSize;

    public Batch Train(long step)
    {
        long epoch = step / StepsPerEpoch;
        long first = (step % StepsPerEpoch) * BatchSize;
        int rows = (int)Math.Min(BatchSize, PairCount - first);
        int[] order = Order(epoch);
        var centres = new long[rows];
        var contexts = new long[rows];
        for (int i = 0; i < rows; i++)
        {
            long pair = order.Length == 0 ? first + i : order[first + i];
            centres[i] = _pairs[2 * pair];
            contexts[i] = _pairs[2 * pair + 1];
        }

        return Make(centres, contexts, Rng.DeriveSeed(_seed, (ulong)step));
    }

    /// <summary>One batch of the first B pairs in corpus order, with negatives from a fixed stream.</summary>
    public IEnumerable<Batch> Validation()
    {
        int rows = (int)Math.Min(BatchSize, PairCount);
        var centres = new long[rows];
        var contexts = new long[rows];
        for (int i = 0; i < rows; i++)
        {
            centres[i] = _pairs[2 * i];
            contexts[i] = _pairs[2 * i + 1];
        }

        yield return Make(centres, contexts, Rng.DeriveSeed(_seed, "validation"));
    }

    private Batch Make(long[] centres, long[] contexts, ulong negativeSeed)
    {
        int rows = centres.Length;
        var extra = new Dictionary<string, Tensor>();
        if (_negatives > 0)
        {
            int[] neg = _sampler.Sample(rows, _negatives, negativeSeed, threads: 1);
            var negLong = new long[neg.Length];
            for (int i = 0; i < neg.Length; i++)
            {
                negLong[i] = neg[i];
            }

            extra[SkipGramModel.NegativesKey] = tensor(negLong, new long[] { rows, _negatives });
        }

        return new Batch(tensor(centres, new long[] { rows }), tensor(contexts, new long[] { rows }), extra, rows);
    }

    private int[] Order(long epoch)
    {
        if (!_shuffle)
        {
            return [];
        }

        if (_cachedEpoch != epoch || _order is null)
        {
            _order = Sampling.Permutation(Rng.ForStream(Rng.DeriveSeed(_seed, "order"), (ulong)epoch), (int)PairCount);
            _cachedEpoch = epoch;
        }

        return _order;
    }
}
