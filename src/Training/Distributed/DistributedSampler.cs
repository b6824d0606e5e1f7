using Trainer.Data.Randomness;

namespace Trainer.Training.Distributed;

/// <summary>
/// Which of n items each of W ranks takes, with the semantics of PyTorch's <c>DistributedSampler</c>:
/// per epoch e the items are permuted by a permutation drawn from (seed, e) (the identity without shuffling), padded
/// to m W items by repeating the first ones (m = ceil(n / W)), and rank r takes positions r, r + W, r + 2W, ...
/// So every rank gets m items, the ranks' shards together cover all n, and the result depends only on
/// (n, W, r, seed, e). Example: n = 5, W = 2, no shuffle: rank 0 takes [0, 2, 4], rank 1 takes [1, 3, 0].
/// The permutation is this project's own (Data.Randomness), not bit-identical to torch.randperm.
/// </summary>
public sealed class DistributedSampler
{
    public DistributedSampler(int worldSize, int rank, ulong seed, bool shuffle = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(worldSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, worldSize);
        WorldSize = worldSize;
        Rank = rank;
        Seed = seed;
        Shuffle = shuffle;
    }

    public int WorldSize { get; }

    public int Rank { get; }

    public ulong Seed { get; }

    public bool Shuffle { get; }

    /// <summary>m = ceil(n / W): items per rank.</summary>
    public int PerRank(int n) => (n + WorldSize - 1) / WorldSize;

    /// <summary>Items repeated to make the shards equal: m W - n.</summary>
    public int Padding(int n) => PerRank(n) * WorldSize - n;

    /// <summary>This rank's item indices (into 0..n-1) for <paramref name="epoch"/>.</summary>
    public int[] Indices(int n, long epoch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        int[] order = Shuffle
            ? Sampling.Permutation(Rng.ForStream(Seed, unchecked((ulong)epoch)), n)
            : Enumerable.Range(0, n).ToArray();
        int m = PerRank(n);
        var mine = new int[m];
        for (int k = 0; k < m; k++)
        {
            int position = Rank + k * WorldSize;
            mine[k] = order[position % n];
        }

        return mine;
    }
}
