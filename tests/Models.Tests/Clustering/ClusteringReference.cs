using System.Diagnostics;
using System.Text.Json;
using Trainer.Torch;

namespace Trainer.Models.Tests.Clustering;

/// <summary>
/// Runs tests/fixtures/clustering/clustering_reference.py with Debian's python3 (numpy, scipy, sklearn) as an
/// independent reference. When those are missing a test skips loudly (reason on stderr) and returns early.
/// </summary>
internal static class ClusteringReference
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> s_missing = new(() =>
    {
        if (!File.Exists(Python))
        {
            return $"{Python} not found (install python3-sklearn)";
        }

        // find_spec locates the packages without importing them (an sklearn import costs about a second).
        var (code, _, err) = Run(
            "import importlib.util as u, sys; sys.exit(0 if all(u.find_spec(m) for m in ('numpy', 'scipy', 'sklearn')) else 1)", "-");
        return code == 0 ? null : "python3-numpy, python3-scipy or python3-sklearn is missing " + err.Trim();
    });

    /// <summary>Null when the reference can run, else why not.</summary>
    public static string? Missing => s_missing.Value;

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

    public static string RepoRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (DirectoryInfo? d = new(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "Trainer.slnx")))
                {
                    return d.FullName;
                }
            }
        }

        return "/work/main";
    }

    private static (int code, string stdout, string stderr) Run(string stdin, string scriptOrCode)
    {
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        if (scriptOrCode == "-")
        {
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(stdin);
        }
        else
        {
            psi.ArgumentList.Add(scriptOrCode);
        }

        psi.Environment["OMP_NUM_THREADS"] = "1";
        using var p = Process.Start(psi)!;
        if (scriptOrCode != "-")
        {
            p.StandardInput.Write(stdin);
        }

        p.StandardInput.Close();
        Task<string> err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }
}
