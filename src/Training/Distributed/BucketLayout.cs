using Trainer.Torch;

namespace Trainer.Training.Distributed;

/// <summary>
/// How dense gradients are packed for all-reduce, as DistributedDataParallel does: parameters in order, grouped into
/// flat buckets of one dtype holding at most <c>capBytes</c> (a parameter larger than the cap gets a bucket of its
/// own). Each entry records the parameter's index, its offset in the bucket and its element count.
/// Example: float32 sizes [3, 5, 2] with a cap of 32 bytes (8 floats) give buckets [[0 @0, 1 @3], [2 @0]].
/// </summary>
public sealed record BucketLayout(IReadOnlyList<BucketLayout.Bucket> Buckets)
{
    /// <summary>PyTorch DDP's default bucket_cap_mb = 25.</summary>
    public const long DefaultCapBytes = 25L * 1024 * 1024;

    public sealed record Entry(int Parameter, long Offset, long Numel);

    public sealed record Bucket(ScalarType DType, long Numel, IReadOnlyList<Entry> Entries);

    /// <param name="numels">Element count per parameter.</param>
    /// <param name="dtypes">Element type per parameter.</param>
    /// <param name="include">The parameters to pack (those with a dense gradient on some worker).</param>
    public static BucketLayout Build(IReadOnlyList<long> numels, IReadOnlyList<ScalarType> dtypes, IReadOnlyList<bool> include, long capBytes)
    {
        var buckets = new List<Bucket>();
        var open = new Dictionary<ScalarType, (List<Entry> Entries, long Numel)>();
        for (int i = 0; i < numels.Count; i++)
        {
            if (!include[i])
            {
                continue;
            }

            ScalarType dt = dtypes[i];
            long bytes = dt.ElementSize();
            var (entries, numel) = open.TryGetValue(dt, out var o) ? o : (new List<Entry>(), 0L);
            if (entries.Count > 0 && (numel + numels[i]) * bytes > capBytes)
            {
                buckets.Add(new Bucket(dt, numel, entries));
                (entries, numel) = (new List<Entry>(), 0L);
            }

            entries.Add(new Entry(i, numel, numels[i]));
            open[dt] = (entries, numel + numels[i]);
        }

        foreach (var (dt, (entries, numel)) in open)
        {
            if (entries.Count > 0)
            {
                buckets.Add(new Bucket(dt, numel, entries));
            }
        }

        return new BucketLayout(buckets);
    }
}
