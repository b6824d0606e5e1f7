namespace Trainer.Data.Tests;

/// <summary>A fact that is skipped, with a loud reason, when /usr/bin/python3 cannot import networkx.</summary>
public sealed class NetworkxFactAttribute : FactAttribute
{
    public NetworkxFactAttribute()
    {
        if (Python.MissingModules("networkx") is string reason)
        {
            Skip = $"SKIPPED: networkx reference unavailable ({reason}); install python3-networkx to run this comparison";
        }
    }

    /// <summary>Runs python3 with the script, feeding stdin, and returns stdout (throws on failure).</summary>
    public static string RunPython(string script, string stdin)
    {
        ProcessResult r = Python.Run(new[] { "-c", script }, stdin);
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException($"python3 failed ({r.ExitCode}): {r.Stderr}");
        }

        return r.Stdout;
    }
}
