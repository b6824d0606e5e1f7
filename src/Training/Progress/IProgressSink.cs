namespace Trainer.Training.Progress;

/// <summary>
/// Receives training progress and shows it: a live bar on a terminal (<see cref="LiveProgress"/>), periodic lines
/// when output is redirected (<see cref="PlainProgress"/>), or nothing (<see cref="NullProgress"/>).
/// <see cref="ConsoleProgress"/> picks one. Safe to call from any one thread; sinks throttle output themselves,
/// so <see cref="Report"/> may be called every step.
/// </summary>
public interface IProgressSink : IDisposable
{
    /// <summary>Records the state after a step; the sink decides whether to draw.</summary>
    void Report(ProgressUpdate update);

    /// <summary>Prints one line (an eval result, "checkpoint saved") without breaking the bar.</summary>
    void Log(string message);

    /// <summary>
    /// Ends the display with a final summary line, e.g. <c>done  step 1000/1000  loss 2.1012  12.4 steps/s  took
    /// 1m20s</c>; <paramref name="status"/> is the first word (<c>done</c>, <c>stopped</c>, <c>failed</c>).
    /// </summary>
    void Complete(ProgressUpdate last, string status = "done");
}
