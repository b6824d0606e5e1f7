using System.Diagnostics;

namespace Trainer.Tests.Shared;

/// <summary>What a finished child process printed and returned.</summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="Stdout">Everything it wrote to standard output.</param>
/// <param name="Stderr">Everything it wrote to standard error.</param>
internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Standard output followed by standard error (for messages).</summary>
    public string Output => Stdout + Stderr;
}

/// <summary>
/// Runs an independent reference program (Debian's python3, chromium, the trainer CLI) to completion: arguments passed
/// as a list (no shell quoting), optional standard input, both streams read concurrently (no pipe deadlock), a time
/// limit after which the whole process tree is killed and <see cref="TimeoutException"/> names the command.
/// </summary>
internal static class ExternalProcess
{
    /// <summary>The limit used when the caller gives none.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> and waits for it.</summary>
    public static ProcessResult Run(string program, IEnumerable<string> arguments, string? stdin = null,
        TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var args = arguments.ToList();
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        using Process p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {program}");
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }

        TimeSpan limit = timeout ?? DefaultTimeout;
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} ran over {limit.TotalSeconds:0} s");
        }

        p.WaitForExit(); // flushes the redirected streams
        return new ProcessResult(p.ExitCode, stdout.Result, stderr.Result);
    }
}
