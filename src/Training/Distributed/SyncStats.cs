namespace Trainer.Training.Distributed;

/// <summary>Running totals of gradient synchronisation: steps, wall time inside it, bytes all-reduced per rank.</summary>
public sealed class SyncStats
{
    public long Steps { get; private set; }

    public TimeSpan Time { get; private set; }

    public long Bytes { get; internal set; }

    /// <summary>Mean wall time of one synchronisation (packing, all-reduce, unpacking), in milliseconds.</summary>
    public double MeanMilliseconds => Steps == 0 ? 0 : Time.TotalMilliseconds / Steps;

    internal void Add(TimeSpan t)
    {
        Steps++;
        Time += t;
    }
}
