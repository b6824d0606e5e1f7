namespace Trainer.Training.Progress;

/// <summary>
/// Steps/s and tokens/s over a sliding window of recent samples (default 30 s), so the rate follows changes
/// (eval pauses, warm-up) without jumping on every step; plus the average over everything seen, for the final line.
/// Rate = (step_last - step_first) / (t_last - t_first) over the samples kept.
/// </summary>
public sealed class RateMeter
{
    private readonly TimeSpan _window;
    private readonly LinkedList<Sample> _samples = new();
    private Sample? _first;

    /// <summary>A meter averaging over <paramref name="window"/> (at least the last two samples).</summary>
    public RateMeter(TimeSpan? window = null)
    {
        _window = window ?? TimeSpan.FromSeconds(30);
    }

    /// <summary>Steps per second over the window, or null before two samples at different times.</summary>
    public double? StepsPerSecond => Rate(_samples.First?.Value, _samples.Last?.Value, s => s.Step);

    /// <summary>Tokens per second over the window, or null when tokens are not reported.</summary>
    public double? TokensPerSecond => Rate(_samples.First?.Value, _samples.Last?.Value, s => s.Tokens);

    /// <summary>Steps per second since the first sample.</summary>
    public double? AverageStepsPerSecond => Rate(_first, _samples.Last?.Value, s => s.Step);

    /// <summary>Tokens per second since the first sample.</summary>
    public double? AverageTokensPerSecond => Rate(_first, _samples.Last?.Value, s => s.Tokens);

    /// <summary>Adds a sample taken at <paramref name="at"/> (monotonic time).</summary>
    public void Add(TimeSpan at, long step, long? tokens)
    {
        var sample = new Sample(at, step, tokens);
        _first ??= sample;
        _samples.AddLast(sample);
        // Keep the window at least _window long: drop the oldest only while the next-oldest still spans it.
        while (_samples.Count > 2 && at - _samples.First!.Next!.Value.At >= _window)
        {
            _samples.RemoveFirst();
        }
        // Thin samples closer than 1% of the window: memory stays bounded when reports come every step.
        var last = _samples.Last!;
        if (_samples.Count > 3 && last.Previous!.Value.At - last.Previous.Previous!.Value.At < _window / 100)
        {
            _samples.Remove(last.Previous);
        }
    }

    private static double? Rate(Sample? from, Sample? to, Func<Sample, long?> count)
    {
        if (from is null || to is null || count(from.Value) is not { } a || count(to.Value) is not { } b)
        {
            return null;
        }
        var seconds = (to.Value.At - from.Value.At).TotalSeconds;
        return seconds > 0 ? (b - a) / seconds : null;
    }

    private readonly record struct Sample(TimeSpan At, long Step, long? Tokens);
}
