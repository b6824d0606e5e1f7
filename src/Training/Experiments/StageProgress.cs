using Trainer.Training.Progress;

namespace Trainer.Training.Experiments;

/// <summary>
/// Shows one of several training stages of an experiment on the experiment's progress display: steps and tokens are
/// offset so the bar (and its token rate) runs once over all stages, and a stage's end is a log line (the display
/// itself is completed by the experiment's caller). Disposing does nothing: the inner sink belongs to the caller.
/// </summary>
/// <param name="tokenOffset">Tokens of the earlier stages (their <see cref="LastTokens"/>).</param>
internal sealed class StageProgress(IProgressSink inner, string label, long offset, long total, long tokenOffset = 0) : IProgressSink
{
    /// <summary>Cumulative tokens over this and the earlier stages at the last report.</summary>
    public long LastTokens => _lastTokens ?? tokenOffset;

    private long? _lastTokens;

    public void Report(ProgressUpdate update)
    {
        long? tokens = update.Tokens is long t ? tokenOffset + t : null;
        _lastTokens = tokens ?? _lastTokens;
        inner.Report(update with { Step = offset + update.Step, Total = total, Tokens = tokens });
    }

    public void Log(string message) => inner.Log($"[{label}] {message}");

    public void Complete(ProgressUpdate last, string status = "done") =>
        inner.Log($"[{label}] {status} at step {last.Step}");

    public void Dispose()
    {
    }
}
