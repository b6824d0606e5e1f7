using System.Diagnostics;

namespace Trainer.Data.Tests;

/// <summary>A fact that is skipped, with a loud reason, when /usr/bin/python3 cannot import networkx.</summary>
public sealed class NetworkxFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(Probe);

    public NetworkxFactAttribute()
    {
        if (Missing.Value is string reason)
        {
            Skip = $"SKIPPED: networkx reference unavailable ({reason}); install python3-networkx to run this comparison";
        }
    }

    /// <summary>Runs python3 with the script, feeding stdin, and returns stdout (throws on failure).</summary>
    public static string RunPython(string script, string stdin)
    {
        var psi = new ProcessStartInfo(Python, ["-c", script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("python3 did not start");
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"python3 failed ({process.ExitCode}): {stderr}");
        }
        return stdout.Result;
    }

    private const string Python = "/usr/bin/python3";

    private static string? Probe()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} not found";
        }
        try
        {
            RunPython("import networkx", string.Empty);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message.Trim();
        }
    }
}
