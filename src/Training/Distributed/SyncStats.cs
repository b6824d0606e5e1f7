namespace Trainer.Training.Distributed;

/// <summary>
/// Running totals of gradient synchronisation: steps, bytes all-reduced per rank, and wall time split in two. The
/// first, small all-reduce of each step also waits for the slowest rank to finish its backward (<see cref="Agree"/>:
/// load imbalance plus one small round trip); the buckets that follow find every rank ready, so their time
/// (<see cref="Buckets"/>: packing, all-reduce, unpacking) is the cost of moving the gradients.
/// </summary>
public sealed class SyncStats
{
    public long Steps { get; private set; }

    public TimeSpan Agree { get; private set; }

    public TimeSpan Buckets { get; private set; }

    public long Bytes { get; internal set; }

    public double AgreeMilliseconds => Steps == 0 ? 0 : Agree.TotalMilliseconds / Steps;

    public double BucketMilliseconds => Steps == 0 ? 0 : Buckets.TotalMilliseconds / Steps;

    /// <summary>Mean wall time of one synchronisation, in milliseconds.</summary>
    public double MeanMilliseconds => AgreeMilliseconds + BucketMilliseconds;

    public double BytesPerStep => Steps == 0 ? 0 : (double)Bytes / Steps;

    public override string ToString() =>
        $"{MeanMilliseconds:F2} ms per step ({AgreeMilliseconds:F2} ms waiting for the slowest rank and agreeing, " +
        $"{BucketMilliseconds:F2} ms all-reducing {BytesPerStep / 1024:F1} KiB of gradients)";

    internal void Add(TimeSpan agree, TimeSpan buckets)
    {
        Steps++;
        Agree += agree;
        Buckets += buckets;
    }
}
