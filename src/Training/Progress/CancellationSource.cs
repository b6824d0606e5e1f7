using System.Runtime.InteropServices;

namespace Trainer.Training.Progress;

/// <summary>
/// Turns Ctrl+C (SIGINT) and SIGTERM into a graceful stop: the first signal cancels <see cref="Token"/> (the
/// trainer finishes its step, writes a checkpoint and returns) and keeps the process alive; the second exits at once
/// with code 130. <see cref="OnInterrupt"/> is the handler itself, callable from tests without sending signals.
/// </summary>
/// <example>
/// <code>
/// using var stop = new CancellationSource(progress.Log).Listen();
/// trainer.Run(stop.Token);
/// </code>
/// </example>
public sealed class CancellationSource : IDisposable
{
    /// <summary>The exit code of the second interrupt: 128 + SIGINT(2), what shells report for Ctrl+C.</summary>
    public const int InterruptExitCode = 130;

    private readonly CancellationTokenSource _source = new();
    private readonly Action<string> _notify;
    private readonly Action<int> _exit;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _interrupts;

    /// <summary>
    /// <paramref name="notify"/> receives the one-line notices (default: standard error); <paramref name="exit"/>
    /// ends the process on the second interrupt (default: <see cref="Environment.Exit"/>).
    /// </summary>
    public CancellationSource(Action<string>? notify = null, Action<int>? exit = null)
    {
        _notify = notify ?? Console.Error.WriteLine;
        _exit = exit ?? Environment.Exit;
    }

    /// <summary>Cancelled by the first interrupt: stop at the next safe point.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>True once a stop has been requested.</summary>
    public bool StopRequested => _source.IsCancellationRequested;

    /// <summary>How many interrupts have arrived.</summary>
    public int Interrupts => Volatile.Read(ref _interrupts);

    /// <summary>Hooks SIGINT (Ctrl+C) and SIGTERM; returns this for <c>using var stop = new CancellationSource().Listen();</c>.</summary>
    public CancellationSource Listen()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context => context.Cancel = OnInterrupt()));
        }
        return this;
    }

    /// <summary>
    /// The handler: the first call requests a graceful stop and returns true (cancel the default termination); a
    /// later call calls the exit action with 130 and returns false (let the signal terminate the process).
    /// </summary>
    public bool OnInterrupt()
    {
        if (Interlocked.Increment(ref _interrupts) == 1)
        {
            _notify("stopping: finishing this step and writing a checkpoint (Ctrl+C again to quit at once)");
            _source.Cancel();
            return true;
        }
        _notify("quitting now, without a checkpoint");
        _exit(InterruptExitCode);
        return false;
    }

    /// <summary>Unhooks the signals.</summary>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
        _registrations.Clear();
        _source.Dispose();
    }
}
