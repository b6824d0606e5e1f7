using System.Globalization;
using Trainer.Training.Probes;
using Trainer.Training.Runs;

namespace Trainer.Training.Reports;

/// <summary>What <see cref="ReportWriter"/> wrote: the two files and the names of the plots in the HTML.</summary>
public sealed record ReportFiles(string Html, string Markdown, IReadOnlyList<string> PlotNames);

/// <summary>
/// <c>trainer report &lt;run&gt;...</c>: a self-contained <c>report.html</c> (inline SVG, no network needed) and a
/// <c>report.md</c> beside it with the same numbers, over one or more runs. Each run's <c>probes.json</c> is read,
/// or made first by <see cref="ProbeRunner"/> when the run has none.
/// </summary>
public static class ReportWriter
{
    /// <summary>Writes the report of <paramref name="runs"/> to <paramref name="outputHtmlPath"/> (+ .md alongside).</summary>
    public static ReportFiles Write(IReadOnlyList<RunFolder> runs, string outputHtmlPath, ProbeOptions? probeOptions = null, TimeProvider? clock = null) =>
        Write(ShortNames(runs.Select(r => Load(r, probeOptions)).ToList()), outputHtmlPath, clock);

    /// <summary>Writes the report of already loaded runs.</summary>
    public static ReportFiles Write(IReadOnlyList<ReportRun> runs, string outputHtmlPath, TimeProvider? clock = null)
    {
        if (runs.Count == 0)
        {
            throw new ArgumentException("a report needs at least one run", nameof(runs));
        }

        string generated = "Generated " + (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        var shared = new[] { ReportPlots.Loss(runs), ReportPlots.Accuracy(runs), ReportPlots.SpectralEnergy(runs) }.OfType<ReportPlot>().ToList();
        var perRun = runs.Select((run, i) => (run, (IReadOnlyList<ReportPlot>)PlotsOf(run, i))).ToList();

        string html = Path.GetFullPath(outputHtmlPath);
        string md = Path.ChangeExtension(html, ".md");
        Directory.CreateDirectory(Path.GetDirectoryName(html)!);
        AtomicFile.WriteText(html, ReportHtml.Render(runs, shared, perRun, generated));
        AtomicFile.WriteText(md, ReportMarkdown.Render(runs, generated));
        var names = shared.Concat(perRun.SelectMany(p => p.Item2)).Select(p => p.Name).ToList();
        return new ReportFiles(html, md, names);
    }

    /// <summary>A run's probe results (probing it first when it has no probes.json) and its training curves.</summary>
    public static ReportRun Load(RunFolder run, ProbeOptions? probeOptions = null)
    {
        ProbeResults probes = ProbeRunner.Read(run) ?? ProbeRunner.Run(run, probeOptions);
        TrainingCurves curves = File.Exists(run.MetricsPath) ? TrainingCurves.From(run.Metrics.Snapshot()) : TrainingCurves.Empty;
        return new ReportRun(run.Name, probes, curves);
    }

    /// <summary>Run names without their <c>yyyyMMdd-HHmmss-</c> stamp where that leaves them distinct.</summary>
    public static IReadOnlyList<ReportRun> ShortNames(IReadOnlyList<ReportRun> runs)
    {
        int stamp = RunFolder.StampFormat.Length + 1;
        string Strip(string name) => name.Length > stamp && DateTime.TryParseExact(
            name[..RunFolder.StampFormat.Length], RunFolder.StampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? name[stamp..] : name;
        var shortNames = runs.Select(r => Strip(r.Name)).ToList();
        return shortNames.Distinct(StringComparer.Ordinal).Count() == runs.Count
            ? runs.Select((r, i) => r with { Name = shortNames[i] }).ToList()
            : runs;
    }

    private static List<ReportPlot> PlotsOf(ReportRun run, int index)
    {
        var plots = new List<ReportPlot?>
        {
            ReportPlots.DistanceScatter(run, index),
            ReportPlots.ProjectionByArm(run, index),
            ReportPlots.ProjectionByDepth(run, index),
            ReportPlots.Associations(run, index),
        };
        plots.AddRange(ReportPlots.OuterProduct(run, index));
        return plots.OfType<ReportPlot>().ToList();
    }
}
