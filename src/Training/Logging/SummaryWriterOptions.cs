namespace Trainer.Training.Logging;

/// <summary>Settings of a <see cref="SummaryWriter"/>.</summary>
public sealed record SummaryWriterOptions
{
    /// <summary>Seconds between automatic flushes to disk (PyTorch's flush_secs; default 120). 0 or less turns the timer off.</summary>
    public double FlushSeconds { get; init; } = 120;

    /// <summary>Wall clock in Unix seconds; defaults to <see cref="WallClock.Now"/>. Tests inject a fixed clock.</summary>
    public Func<double>? Clock { get; init; }

    /// <summary>Appended to every event file name (PyTorch's filename_suffix).</summary>
    public string FilenameSuffix { get; init; } = "";
}
