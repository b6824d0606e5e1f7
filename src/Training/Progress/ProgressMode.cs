namespace Trainer.Training.Progress;

/// <summary>How <see cref="ConsoleProgress"/> shows progress.</summary>
public enum ProgressMode
{
    /// <summary>A live bar on an interactive terminal, plain lines otherwise (see <see cref="ConsoleProgress.IsInteractive"/>).</summary>
    Auto,

    /// <summary>Always the live bar.</summary>
    Live,

    /// <summary>Always plain lines.</summary>
    Plain,

    /// <summary>Nothing but <see cref="IProgressSink.Log"/> lines and the final line.</summary>
    Quiet,
}
