namespace Trainer.Training.Tests.Runs;

/// <summary>A TimeProvider whose wall clock and monotonic timestamp move only when told.</summary>
public sealed class FixedClock : TimeProvider
{
    private DateTimeOffset _now;
    private long _ticks;

    public FixedClock(DateTimeOffset start)
    {
        _now = start;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => _now;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan by)
    {
        _now += by;
        _ticks += by.Ticks;
    }
}
