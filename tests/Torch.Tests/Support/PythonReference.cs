using System.Diagnostics;
using System.Text.Json;

namespace Trainer.Torch.Tests;

/// <summary>
/// Runs Debian's python3 (with python3-torch) as an independent reference. When python3-torch is not installed the
/// test is skipped loudly: the reason goes to stderr and the caller returns early.
/// </summary>
public static class PythonReference
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> _missing = new(() =>
    {
        if (!File.Exists(Python))
        {
            return $"{Python} not found (install python3 and python3-torch: scripts/setup.sh)";
        }

        var (code, _, err) = Run("import torch", null);
        return code == 0 ? null : "python3-torch is not importable: " + err.Trim();
    });

    /// <summary>Null when the reference is available, else why not.</summary>
    public static string? MissingReason => _missing.Value;

    /// <summary>Runs a script and parses the last line of its stdout as JSON; null (skip) if torch is missing.</summary>
    public static JsonElement? RunJson(string script, string? workingDirectory = null)
    {
        if (MissingReason is { } why)
        {
            Console.Error.WriteLine("SKIPPED (python reference unavailable): " + why);
            return null;
        }

        var (code, stdout, stderr) = Run(script, workingDirectory);
        if (code != 0)
        {
            throw new InvalidOperationException($"python reference failed ({code}):\n{stderr}");
        }

        string last = stdout.TrimEnd().Split('\n')[^1];
        return JsonDocument.Parse(last).RootElement.Clone();
    }

    /// <summary>Runs a script file with arguments; returns exit code, stdout, stderr.</summary>
    public static (int code, string stdout, string stderr) RunFile(string path, params string[] args)
    {
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(path);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return Exec(psi, null);
    }

    private static (int code, string stdout, string stderr) Run(string script, string? workingDirectory)
    {
        var psi = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        psi.ArgumentList.Add("-");
        return Exec(psi, script);
    }

    private static (int code, string stdout, string stderr) Exec(ProcessStartInfo psi, string? stdin)
    {
        psi.Environment["OMP_NUM_THREADS"] = "1";
        using var p = Process.Start(psi)!;
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }

        Task<string> err = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout, err.Result);
    }
}
