using System.Text.Json;
using Trainer.Torch;

namespace Trainer.Models.Tests.Clustering;

/// <summary>
/// Runs tests/fixtures/clustering/clustering_reference.py with Debian's python3 (numpy, scipy, sklearn) as an
/// independent reference. When those are missing a test skips loudly (reason on stderr) and returns early.
/// </summary>
internal static class ClusteringReference
{
    /// <summary>Null when the reference can run, else why not.</summary>
    public static string? Missing => Python.MissingModules("numpy", "scipy", "sklearn");

    /// <summary>True (and a note on stderr) when the reference is unavailable.</summary>
    public static bool Skip()
    {
        if (Missing is { } why)
        {
            Console.Error.WriteLine("SKIPPED (clustering reference unavailable): " + why);
            return true;
        }

        return false;
    }

    /// <summary>Sends <paramref name="request"/> as JSON to the reference script; its JSON answer.</summary>
    public static JsonElement Ask(object request)
    {
        string script = Path.Combine(RepoRoot(), "tests", "fixtures", "clustering", "clustering_reference.py");
        var (code, stdout, stderr) = Run(JsonSerializer.Serialize(request), script);
        if (code != 0)
        {
            throw new InvalidOperationException($"reference failed ({code}):\n{stderr}");
        }

        return JsonDocument.Parse(stdout.TrimEnd().Split('\n')[^1]).RootElement.Clone();
    }

    /// <summary>Rows of a (N, d) tensor as nested arrays, for JSON.</summary>
    public static double[][] Rows(Tensor t)
    {
        long n = t.size(0), d = t.size(1);
        double[] flat = t.data<double>();
        return Enumerable.Range(0, (int)n).Select(i => flat.AsSpan((int)(i * d), (int)d).ToArray()).ToArray();
    }

    public static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static double[] Flat(JsonElement e) => e.EnumerateArray().SelectMany(Doubles).ToArray();

    public static string RepoRoot() => RepoFiles.Root();

    private static (int code, string stdout, string stderr) Run(string stdin, string script)
    {
        ProcessResult r = Python.Run(new[] { script }, stdin);
        return (r.ExitCode, r.Stdout, r.Stderr);
    }
}
