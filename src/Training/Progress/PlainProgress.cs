namespace Trainer.Training.Progress;

/// <summary>
/// Progress as plain lines for logs, pipes and CI: <c>step 200/1000  loss 2.3141  12.5 steps/s  eta 1m04s</c>,
/// throttled by <see cref="PlainProgressOptions"/>, then a final line from <see cref="Complete"/>. The writer and
/// the clock are injectable, so tests see exactly what a redirected run would print.
/// </summary>
public sealed class PlainProgress : IProgressSink
{
    private readonly TextWriter _writer;
    private readonly TimeProvider _clock;
    private readonly PlainProgressOptions _options;
    private readonly RateMeter _meter;
    private readonly long _started;
    private readonly object _lock = new();
    private TimeSpan? _lastLineAt;
    private long _lastLineStep;
    private bool _completed;

    /// <summary>Writes to <paramref name="writer"/>; times come from <paramref name="clock"/> (default: system).</summary>
    public PlainProgress(TextWriter writer, PlainProgressOptions? options = null, TimeProvider? clock = null)
    {
        _writer = writer;
        _clock = clock ?? TimeProvider.System;
        _options = options ?? new PlainProgressOptions();
        _meter = new RateMeter(_options.RateWindow);
        _started = _clock.GetTimestamp();
    }

    /// <inheritdoc/>
    public void Report(ProgressUpdate update)
    {
        lock (_lock)
        {
            var now = Now;
            _meter.Add(now, update.Step, update.Tokens);
            if (!Due(now, update.Step))
            {
                return;
            }
            _lastLineAt = now;
            _lastLineStep = update.Step;
            Write(ProgressFormat.Line(update, _meter.StepsPerSecond, _meter.TokensPerSecond));
        }
    }

    /// <inheritdoc/>
    public void Log(string message)
    {
        lock (_lock)
        {
            Write(message);
        }
    }

    /// <inheritdoc/>
    public void Complete(ProgressUpdate last, string status = "done")
    {
        lock (_lock)
        {
            if (_completed)
            {
                return;
            }
            _completed = true;
            var now = Now;
            _meter.Add(now, last.Step, last.Tokens);
            Write(ProgressFormat.Final(status, last, _meter.AverageStepsPerSecond, _meter.AverageTokensPerSecond, now));
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _writer.Flush();

    private TimeSpan Now => _clock.GetElapsedTime(_started);

    private bool Due(TimeSpan now, long step)
    {
        if (_lastLineAt is null)
        {
            _lastLineAt = now; // the first report starts the clock of the time trigger
            _lastLineStep = step;
            return _options.PrintFirst;
        }
        var timeUp = _options.Interval != TimeSpan.MaxValue && now - _lastLineAt.Value >= _options.Interval;
        var k = _options.EverySteps;
        var stepUp = k > 0 && Math.Floor((double)step / k) > Math.Floor((double)_lastLineStep / k);
        return timeUp || stepUp;
    }

    private void Write(string line)
    {
        _writer.WriteLine(line);
        _writer.Flush();
    }
}
