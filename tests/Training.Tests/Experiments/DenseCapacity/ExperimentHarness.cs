using System.Globalization;
using Trainer.Training.Experiments;
using Trainer.Training.Progress;
using Trainer.Training.Runs;
using Trainer.Training.Tests.Runs;

namespace Trainer.Training.Tests.Experiments.DenseCapacity;

/// <summary>Runs an experiment the way <c>trainer experiment</c> does (run folder, config, Execute, report files) and reads its tables.</summary>
internal static class ExperimentHarness
{
    /// <summary>Executes <paramref name="config"/> into a fresh run folder under <paramref name="root"/>; returns the report and the folder.</summary>
    public static (ExperimentReport Report, string RunPath) Run(IExperiment experiment, object config, TempFolder root)
    {
        RunFolder run = RunFolder.Create(root.Path, experiment.Name);
        run.WriteConfig(config);
        ExperimentReport report = experiment.Execute(config, new ExperimentContext(run, NullProgress.Instance, CancellationToken.None, "small"));
        report.Write(run.Path);
        return (report, run.Path);
    }

    /// <summary>report.html (with at least one inline SVG), report.md, results.json and a TensorBoard event file exist.</summary>
    public static void AssertReportFiles(string runPath)
    {
        foreach (string f in new[] { "report.html", "report.md", "results.json", "config.json" })
        {
            string path = Path.Combine(runPath, f);
            Assert.True(File.Exists(path), $"{f} missing");
            Assert.True(new FileInfo(path).Length > 100, $"{f} is (almost) empty");
        }

        Assert.Contains("<svg", File.ReadAllText(Path.Combine(runPath, "report.html")), StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(runPath, "events.out.tfevents.*"));
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(runPath, "results.json")));
        Assert.True(json.RootElement.GetProperty("tables").GetArrayLength() > 0);
    }

    /// <summary>The rows of the first table whose caption starts with <paramref name="captionStart"/>, as column-name -&gt; cell maps.</summary>
    public static List<Dictionary<string, string>> Table(ExperimentReport report, string captionStart)
    {
        ExperimentReport.Block b = report.Blocks.First(x => x.Kind == "table" && x.Text.StartsWith(captionStart, StringComparison.Ordinal));
        return b.Rows!.Select(r => b.Header!.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    /// <summary>A cell as a double (NaN for "n/a" and other text).</summary>
    public static double Num(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;

    /// <summary>Binds the experiment's defaults (small and large) and each given config file, strictly.</summary>
    public static void AssertConfigsBind(IExperiment experiment, params string[] files)
    {
        foreach (string scale in new[] { "small", "large" })
        {
            object c = ExperimentRegistry.LoadConfig(experiment, scale, null, Array.Empty<string>());
            Assert.IsType(experiment.ConfigType, c);
        }

        foreach (string f in files)
        {
            string path = Path.Combine(RepoRoot(), f);
            Assert.True(File.Exists(path), $"{f} missing");
            string scale = f.Contains("-large", StringComparison.Ordinal) ? "large" : "small";
            Assert.IsType(experiment.ConfigType, ExperimentRegistry.LoadConfig(experiment, scale, path, Array.Empty<string>()));
        }
    }

    /// <summary>The repository root (the folder holding Trainer.slnx).</summary>
    public static string RepoRoot() => RepoFiles.Root();
}
