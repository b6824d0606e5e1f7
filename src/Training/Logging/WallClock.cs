namespace Trainer.Training.Logging;

/// <summary>Wall time as TensorBoard stores it: seconds since the Unix epoch, as a double.</summary>
public static class WallClock
{
    /// <summary>Now, in Unix seconds with sub-microsecond resolution.</summary>
    public static double Now() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;
}
