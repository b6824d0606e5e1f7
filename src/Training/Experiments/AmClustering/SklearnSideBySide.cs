using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Trainer.Training.Experiments.AmClustering;

/// <summary>
/// Runs bench/python/clustering_sklearn.py (KMeans, GaussianMixture, BayesianGaussianMixture with a Dirichlet-process
/// prior) on the very points our side clustered: the data sets go to <c>sklearn_input.json</c> in the run folder, the
/// script answers one JSON object. When sklearn cannot run, <see cref="Outcome.WhyNot"/> says why and the experiment
/// reports ours alone. The script runs with one BLAS/OpenMP thread (OMP_NUM_THREADS = OPENBLAS_NUM_THREADS = 1).
/// </summary>
public static class SklearnSideBySide
{
    public const string ScriptName = "clustering_sklearn.py";

    /// <summary>The sklearn results, or why there are none; the sklearn version when it ran.</summary>
    public sealed record Outcome(List<MethodResult> Results, string? WhyNot, string? Version);

    public static Outcome Run(SklearnSection s, double alpha, IReadOnlyList<ClusteringDataset> data, string folder, CancellationToken cancel)
    {
        if (!s.Enabled)
        {
            return new Outcome([], "disabled (sklearn.enabled = false)", null);
        }

        string? script = s.Script.Length > 0 ? s.Script : FindScript();
        string? why = !File.Exists(s.Python) ? $"{s.Python} not found"
            : script is null || !File.Exists(script) ? $"bench/python/{ScriptName} not found (set sklearn.script)"
            : null;
        if (why is null)
        {
            var (code, _, err) = Exec(s.Python, ["-c", "import sklearn"], 120, cancel);
            why = code == 0 ? null : "python3-sklearn is not importable (apt-get install python3-sklearn): " + LastLine(err);
        }

        if (why is not null)
        {
            return new Outcome([], why, null);
        }

        string input = Path.Combine(folder, "sklearn_input.json");
        WriteInput(input, alpha, s.BgmmMaxComponents, data);
        var (rc, stdout, stderr) = Exec(s.Python, [script!, input], s.TimeoutSeconds, cancel);
        if (rc != 0)
        {
            return new Outcome([], $"{ScriptName} failed ({rc}): {LastLine(stderr)}", null);
        }

        return Parse(stdout, data);
    }

    /// <summary>
    /// bench/python/clustering_sklearn.py found upwards from the working directory, the binaries, or (last) this source
    /// file's folder at build time (covers binaries built into an artifacts folder outside the repository).
    /// </summary>
    public static string? FindScript([CallerFilePath] string sourceFile = "")
    {
        string sourceDir = Path.GetDirectoryName(sourceFile) ?? "";
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory, sourceDir })
        {
            if (start.Length == 0 || !Directory.Exists(start))
            {
                continue;
            }

            for (DirectoryInfo? d = new(start); d is not null; d = d.Parent)
            {
                string candidate = Path.Combine(d.FullName, "bench", "python", ScriptName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static void WriteInput(string path, double alpha, int kmax, IReadOnlyList<ClusteringDataset> data)
    {
        using FileStream file = File.Create(path);
        using var w = new Utf8JsonWriter(file);
        w.WriteStartObject();
        w.WriteNumber("bgmm_max_components", kmax);
        w.WriteNumber("alpha", alpha);
        w.WriteStartArray("datasets");
        foreach (ClusteringDataset ds in data)
        {
            w.WriteStartObject();
            w.WriteString("name", ds.Name);
            w.WriteNumber("k", ds.K);
            w.WriteNumber("dim", ds.Dim);
            w.WriteNumber("seed", ds.Seed);
            w.WriteStartArray("points");
            foreach (float v in ds.Points)
            {
                w.WriteNumberValue(v);
            }

            w.WriteEndArray();
            w.WriteStartArray("labels");
            foreach (int l in ds.Labels)
            {
                w.WriteNumberValue(l);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static Outcome Parse(string stdout, IReadOnlyList<ClusteringDataset> data)
    {
        var byName = data.ToDictionary(d => d.Name);
        using JsonDocument doc = JsonDocument.Parse(stdout.TrimEnd().Split('\n')[^1]);
        var results = new List<MethodResult>();
        foreach (JsonElement r in doc.RootElement.GetProperty("results").EnumerateArray())
        {
            string method = r.GetProperty("method").GetString()!;
            JsonElement ll = r.GetProperty("log_likelihood");
            results.Add(new MethodResult(byName[r.GetProperty("dataset").GetString()!], method, method != "BayesianGaussianMixture",
                r.GetProperty("ari").GetDouble(), r.GetProperty("nmi").GetDouble(), r.GetProperty("memories").GetInt32(),
                ll.ValueKind == JsonValueKind.Number ? ll.GetDouble() : double.NaN, r.GetProperty("seconds").GetDouble()));
        }

        return new Outcome(results, null, doc.RootElement.GetProperty("sklearn").GetString());
    }

    private static (int Code, string Stdout, string Stderr) Exec(string python, string[] args, int timeoutSeconds, CancellationToken cancel)
    {
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["OMP_NUM_THREADS"] = "1";
        psi.Environment["OPENBLAS_NUM_THREADS"] = "1";
        try
        {
            using Process p = Process.Start(psi)!;
            Task<string> err = p.StandardError.ReadToEndAsync(cancel);
            Task<string> output = p.StandardOutput.ReadToEndAsync(cancel);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
            try
            {
                p.WaitForExitAsync(timeout.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                p.Kill(entireProcessTree: true);
                return (-1, "", cancel.IsCancellationRequested ? "stopped" : $"timed out after {timeoutSeconds} s");
            }

            return (p.ExitCode, output.GetAwaiter().GetResult(), err.GetAwaiter().GetResult());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, "", e.Message);
        }
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? "";
}
