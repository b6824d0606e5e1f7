namespace Trainer.Training.Progress;

/// <summary>A sink that shows nothing (tests, benchmarks, <c>--progress none</c>).</summary>
public sealed class NullProgress : IProgressSink
{
    /// <summary>The shared instance.</summary>
    public static readonly NullProgress Instance = new();

    /// <inheritdoc/>
    public void Report(ProgressUpdate update)
    {
    }

    /// <inheritdoc/>
    public void Log(string message)
    {
    }

    /// <inheritdoc/>
    public void Complete(ProgressUpdate last, string status = "done")
    {
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
