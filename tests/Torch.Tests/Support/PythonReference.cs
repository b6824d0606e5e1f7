using System.Text.Json;

namespace Trainer.Torch.Tests;

/// <summary>
/// Runs Debian's python3 (with python3-torch) as an independent reference. When python3-torch is not installed the
/// test is skipped loudly: the reason goes to stderr and the caller returns early.
/// </summary>
public static class PythonReference
{
    public const string Python = Trainer.Tests.Shared.Python.Interpreter;

    /// <summary>Null when the reference is available, else why not.</summary>
    public static string? MissingReason => Trainer.Tests.Shared.Python.MissingModules("torch");

    /// <summary>Runs a script and parses the last line of its stdout as JSON; null (skip) if torch is missing.</summary>
    public static JsonElement? RunJson(string script, string? workingDirectory = null)
    {
        if (MissingReason is { } why)
        {
            Console.Error.WriteLine("SKIPPED (python reference unavailable): " + why);
            return null;
        }

        ProcessResult r = Trainer.Tests.Shared.Python.RunCode(script, workingDirectory: workingDirectory);
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException($"python reference failed ({r.ExitCode}):\n{r.Stderr}");
        }

        string last = r.Stdout.TrimEnd().Split('\n')[^1];
        return JsonDocument.Parse(last).RootElement.Clone();
    }
}
