using Trainer.Training.Progress;

namespace Trainer.Training.Experiments.InContextPathStar;

/// <summary>
/// Shows one of several training stages of an experiment on the experiment's progress display: steps are offset so
/// the bar runs once over all stages, and a stage's end is a log line (the display itself is completed by the
/// experiment's caller). Disposing does nothing: the inner sink belongs to the caller.
/// </summary>
internal sealed class StageProgress(IProgressSink inner, string label, long offset, long total) : IProgressSink
{
    public void Report(ProgressUpdate update) =>
        inner.Report(update with { Step = offset + update.Step, Total = total });

    public void Log(string message) => inner.Log($"[{label}] {message}");

    public void Complete(ProgressUpdate last, string status = "done") =>
        inner.Log($"[{label}] {status} at step {last.Step}");

    public void Dispose()
    {
    }
}
