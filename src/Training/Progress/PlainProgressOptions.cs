namespace Trainer.Training.Progress;

/// <summary>When <see cref="PlainProgress"/> prints: the first report, then whenever <see cref="Interval"/> has
/// passed since the last line or the step crosses a multiple of <see cref="EverySteps"/>, and always at the end.</summary>
public sealed record PlainProgressOptions
{
    /// <summary>Time between lines (default 10 s); <see cref="TimeSpan.MaxValue"/> turns the time trigger off.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Also print when the step reaches a multiple of this (0, the default, turns the step trigger off).</summary>
    public long EverySteps { get; init; }

    /// <summary>Print the first report (default true): it shows the run started and its initial loss.</summary>
    public bool PrintFirst { get; init; } = true;

    /// <summary>The window of the steps/s rate (default 30 s).</summary>
    public TimeSpan RateWindow { get; init; } = TimeSpan.FromSeconds(30);
}
