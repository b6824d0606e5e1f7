using Spectre.Console;

namespace Trainer.Training.Progress;

/// <summary>
/// Progress on the process's console: a <see cref="LiveProgress"/> bar when stdout is an interactive terminal, and
/// <see cref="PlainProgress"/> lines when it is not (output redirected, <c>CI</c> set, or <c>TERM=dumb</c>), unless
/// a <see cref="ProgressMode"/> forces one.
/// </summary>
public sealed class ConsoleProgress : IProgressSink
{
    private readonly IProgressSink _inner;

    /// <summary>Chooses the display for <paramref name="mode"/>; <paramref name="description"/> labels the bar.</summary>
    public ConsoleProgress(string description, ProgressMode mode = ProgressMode.Auto, PlainProgressOptions? plain = null)
    {
        Mode = mode == ProgressMode.Auto
            ? IsInteractive(Console.IsOutputRedirected, Environment.GetEnvironmentVariable) ? ProgressMode.Live : ProgressMode.Plain
            : mode;
        _inner = Mode switch
        {
            ProgressMode.Live => new LiveProgress(AnsiConsole.Console, description),
            ProgressMode.Plain => new PlainProgress(Console.Out, plain),
            _ => new PlainProgress(Console.Out, (plain ?? new PlainProgressOptions()) with
            {
                Interval = TimeSpan.MaxValue,
                EverySteps = 0,
                PrintFirst = false,
            }),
        };
    }

    /// <summary>The mode in use: <see cref="ProgressMode.Live"/>, <see cref="ProgressMode.Plain"/> or <see cref="ProgressMode.Quiet"/>.</summary>
    public ProgressMode Mode { get; }

    /// <summary>
    /// True when a live bar makes sense: output not redirected, not under CI (<c>CI</c> unset, empty, <c>0</c> or
    /// <c>false</c>), and <c>TERM</c> not <c>dumb</c>. The inputs are parameters so the rule can be tested.
    /// </summary>
    public static bool IsInteractive(bool outputRedirected, Func<string, string?> environment)
    {
        if (outputRedirected)
        {
            return false;
        }
        var ci = environment("CI")?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(ci) && ci is not ("0" or "false"))
        {
            return false;
        }
        return !string.Equals(environment("TERM"), "dumb", StringComparison.Ordinal);
    }

    /// <inheritdoc/>
    public void Report(ProgressUpdate update) => _inner.Report(update);

    /// <inheritdoc/>
    public void Log(string message) => _inner.Log(message);

    /// <inheritdoc/>
    public void Complete(ProgressUpdate last, string status = "done") => _inner.Complete(last, status);

    /// <inheritdoc/>
    public void Dispose() => _inner.Dispose();
}
