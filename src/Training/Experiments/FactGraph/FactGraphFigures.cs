using System.Globalization;
using Trainer.Training.Reports;

namespace Trainer.Training.Experiments.FactGraph;

/// <summary>The SVG figures of the fact-graph report, drawn from <see cref="FactGraphResults"/>.</summary>
public static class FactGraphFigures
{
    /// <summary>GPT exact-answer accuracy against hop count k (k = 1: the atomic facts), trained and unseen splits, with chance 1/E.</summary>
    public static string HopAccuracy(FactGraphResults r)
    {
        var trained = r.Hops.Where(h => h.Split != "unseen").OrderBy(h => h.Hops).Select(h => ((double)h.Hops, h.SeqAcc)).ToList();
        var unseen = r.Hops.Where(h => h.Split == "unseen").OrderBy(h => h.Hops).Select(h => ((double)h.Hops, h.SeqAcc)).ToList();
        var series = new List<LineSeries>
        {
            new("facts and seen compositions", Palette.Category(0), trained, Markers: true),
            new("unseen compositions", Palette.Category(1), unseen, Markers: true),
        };
        double last = r.Hops.Select(h => h.Hops).DefaultIfEmpty(1).Max() + 0.5;
        return SvgLineChart.Render(new PlotLabels("fact-graph-hops", "GPT accuracy per hop count", "hops k (1 = atomic fact)", "exact answer accuracy"),
            series, references: [new ReferenceLine("chance 1/E", 1.0 / r.Data.Graph.EntityCount, Vertical: false), new ReferenceLine("", 0.5, Vertical: true), new ReferenceLine("", last, Vertical: true)],
            yFromZero: true);
    }

    /// <summary>The GPT's accuracy on the unseen compositions (the validation split) during training.</summary>
    public static string UnseenDuringTraining(FactGraphResults r)
    {
        var series = new List<LineSeries>();
        AddCurve(series, r.GptCurves, "eval/val/seq_acc", "exact answer", 1);
        AddCurve(series, r.GptCurves, "eval/val/acc", "per target token", 2, dashed: true);
        return SvgLineChart.Render(new PlotLabels("fact-graph-unseen-training", "Unseen compositions during GPT training", "training step", "accuracy"),
            series, yFromZero: true);
    }

    /// <summary>Training loss and the loss on the unseen compositions (log scale).</summary>
    public static string Losses(FactGraphResults r)
    {
        var series = new List<LineSeries>();
        AddCurve(series, r.GptCurves, "train/loss", "training loss (facts + seen)", 0);
        AddCurve(series, r.GptCurves, "eval/val/loss", "loss on unseen compositions", 1, markers: true);
        return SvgLineChart.Render(new PlotLabels("fact-graph-loss", "GPT cross-entropy", "training step", "cross-entropy (nats, log scale)"), series, logY: true);
    }

    /// <summary>
    /// Cumulative spectral energy on one relation graph: the share of an embedding's energy on the smoothest i
    /// eigenvectors of R_s (first dropped) against i / (n - 1). An isotropic embedding follows the diagonal; geometric
    /// memory rises steeply at the left.
    /// </summary>
    public static string CumulativeEnergy(FactGraphResults r, int relation)
    {
        var series = new List<LineSeries>();
        int colour = 0;
        foreach (string s in FactGraphRunner.Subjects)
        {
            double[]? energies = r.Probes.FirstOrDefault(p => p.Subject == s && p.Relation == relation)?.Energies;
            if (energies is { Length: > 0 })
            {
                series.Add(new LineSeries(s, Palette.Category(colour), Cumulative(energies)));
            }

            colour++;
        }

        series.Add(new LineSeries("isotropic", Palette.Neutral, [(0, 0), (1, 1)], Dashed: true));
        string rel = relation.ToString(CultureInfo.InvariantCulture);
        return SvgLineChart.Render(new PlotLabels($"fact-graph-spectrum-r{rel}", $"Cumulative spectral energy on relation r{rel}'s graph",
            "share of eigenvectors, smooth to rough", "share of embedding energy"), series, yFromZero: true);
    }

    /// <summary>Cosine gap against smooth25, one dot per (embedding, relation graph).</summary>
    public static string GeometryScatter(FactGraphResults r)
    {
        var points = new List<ScatterPoint>();
        var legend = new List<LegendItem>();
        for (int i = 0; i < FactGraphRunner.Subjects.Length; i++)
        {
            string s = FactGraphRunner.Subjects[i];
            legend.Add(new LegendItem(s, Palette.Category(i), LegendMark.Dot));
            points.AddRange(r.Probes.Where(p => p.Subject == s && p.Relation >= 0 && p.Smooth25 is not null)
                .Select(p => new ScatterPoint(p.CosineGap, p.Smooth25!.Value, Palette.Category(i), $"{s} r{p.Relation}")));
        }

        return SvgScatterChart.Render(new PlotLabels("fact-graph-geometry", "Geometry of entity embeddings per relation graph",
            "cosine gap (connected minus all pairs)", "smooth25 (chance ~0.25)"), points, legend, legendHeading: "embedding");
    }

    private static List<(double X, double Y)> Cumulative(double[] energies)
    {
        double total = energies.Sum();
        var points = new List<(double, double)> { (0, 0) };
        double run = 0;
        for (int i = 0; i < energies.Length; i++)
        {
            run += energies[i];
            points.Add(((double)(i + 1) / energies.Length, total > 0 ? run / total : double.NaN));
        }

        return points;
    }

    private static void AddCurve(List<LineSeries> series, TrainingCurves curves, string key, string label, int colour, bool dashed = false, bool markers = false)
    {
        if (curves.Series.TryGetValue(key, out var points) && points.Count > 0)
        {
            series.Add(new LineSeries(label, Palette.Category(colour), points.Select(p => (p.Step, p.Value)).ToList(), dashed, markers));
        }
    }
}
