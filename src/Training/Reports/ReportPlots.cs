using System.Globalization;
using Trainer.Training.Logging.Png;
using Trainer.Training.Probes;

namespace Trainer.Training.Reports;

/// <summary>A rendered plot: its <c>data-plot</c> name, a caption for the page, and the SVG markup.</summary>
public sealed record ReportPlot(string Name, string Caption, string Svg);

/// <summary>
/// The report's plots, each built from the probe results or metrics of one or more runs: training curves, the
/// spectral energy, the distance scatter, the 2-D projections by arm and by depth, and the heat maps.
/// </summary>
public static class ReportPlots
{
    /// <summary>Training loss of every run (train solid, evaluation dashed), log scale; null when no run has curves.</summary>
    public static ReportPlot? Loss(IReadOnlyList<ReportRun> runs) => Curves(runs, "loss", "training-loss",
        "Loss during training", "cross-entropy (nats, log scale)", logY: true,
        "Training loss (solid) and evaluation loss (dashed) per run, from metrics.json.");

    /// <summary>Accuracy series of every run; null when none logs one.</summary>
    public static ReportPlot? Accuracy(IReadOnlyList<ReportRun> runs) => Curves(runs, "acc", "training-accuracy",
        "Accuracy during training", "accuracy (fraction of targets)", logY: false,
        "Accuracy series per run (evaluation dashed), from metrics.json.");

    /// <summary>Energy share per eigenvector of every run with a spectral result; null when none has one.</summary>
    public static ReportPlot? SpectralEnergy(IReadOnlyList<ReportRun> runs)
    {
        var withSpectrum = runs.Select((r, i) => (Run: r, Index: i)).Where(x => x.Run.Probes.Spectral is not null).ToList();
        if (withSpectrum.Count == 0)
        {
            return null;
        }

        // x: position i / (n - 1) in the kept spectrum; y: energy share times (n - 1), so an isotropic embedding sits
        // at 1 whatever the graph size and runs on different graphs share one picture.
        var series = withSpectrum.Select(x =>
        {
            SpectralResult s = x.Run.Probes.Spectral!;
            double kept = s.Energies.Sum();
            int count = s.Energies.Length;
            var points = s.Energies.Select((e, i) => ((i + 1.0) / count, kept > 0 ? e / kept * count : double.NaN)).ToList();
            return new LineSeries(x.Run.Name, Palette.Category(x.Index), points, Markers: true);
        }).ToList();
        var refs = new List<ReferenceLine>
        {
            new("isotropic (chance)", 1, Vertical: false),
            new("smooth quarter |", 0.25, Vertical: true),
            new("| rough quarter", 0.75, Vertical: true),
        };
        string svg = SvgLineChart.Render(
            new PlotLabels("spectral-energy", "Spectral energy of the node embeddings", "position i / (n-1) among the eigenvectors of R_s (smooth → rough)", "energy share × (n-1) (1 = isotropic)"),
            series,
            references: refs,
            yFromZero: true);
        return new ReportPlot("spectral-energy", "Energy ||E^T v_i||^2 of each run's node embeddings on each eigenvector v_i of R_s, smooth (left) to rough (right), the first (near-constant) eigenvector dropped, as a share of the kept energy times n-1 (an isotropic embedding gives 1). Geometric memory piles energy on the left, a zig-zag geometry on the right.", svg);
    }

    /// <summary>Embedding distance against hop distance for one run; null without a distance result.</summary>
    public static ReportPlot? DistanceScatter(ReportRun run, int index)
    {
        if (run.Probes.Distance is not { } d)
        {
            return null;
        }

        Rgba dot = Palette.Category(0);
        var points = d.Scatter.Select((p, i) => new ScatterPoint(p[0] + Jitter(i), p[1], dot)).ToList();
        var mean = new LineSeries("mean per hop", Palette.Category(3), d.MeanDistanceByHop.Select((m, h) => ((double)(h + 1), m)).ToList());
        string name = $"distance-scatter-{index}";
        string svg = SvgScatterChart.Render(
            new PlotLabels(name, $"{run.Name}: embedding vs graph distance", "shortest-path distance (hops, jittered)", "embedding distance ||e_u - e_w|| (embedding units)"),
            points,
            [new LegendItem("node pair", dot, LegendMark.Dot), new LegendItem("mean per hop", Palette.Category(3), LegendMark.Line)],
            [mean],
            radius: 2.5);
        string caption = Invariant($"{run.Name}: Spearman rho = {d.Spearman:F3} (random control {d.ControlSpearman.Mean:F3} ± {d.ControlSpearman.Sd:F3}) over {d.Pairs} pairs; {d.Scatter.Length} shown.");
        return new ReportPlot(name, caption, svg);
    }

    /// <summary>PCA of one run's node embeddings coloured by arm.</summary>
    public static ReportPlot ProjectionByArm(ReportRun run, int index)
    {
        Projection2D p = run.Probes.Projection;
        NodeMetadata nodes = run.Probes.Nodes;
        var points = p.X.Select((x, u) => new ScatterPoint(x, p.Y[u], Palette.Category(nodes.Arm[u]), NodeTitle(nodes, u))).ToList();
        int arms = nodes.Arm.DefaultIfEmpty(-1).Max() + 1;
        var legend = new List<LegendItem> { new(arms > 0 ? "root" : "no arms (not a star)", Palette.Neutral, LegendMark.Dot) };
        legend.AddRange(Enumerable.Range(0, Math.Min(arms, 10)).Select(a => new LegendItem($"arm {a}", Palette.Category(a), LegendMark.Dot)));
        string name = $"projection-arm-{index}";
        string svg = SvgScatterChart.Render(ProjectionLabels(name, run.Name + ": node embeddings by arm", p), points, legend, legendHeading: "colour = arm");
        return new ReportPlot(name, $"{run.Name}: first two principal components of the node embeddings, one dot per node, coloured by arm.", svg);
    }

    /// <summary>PCA of one run's node embeddings coloured by depth (hops from the root).</summary>
    public static ReportPlot ProjectionByDepth(ReportRun run, int index)
    {
        Projection2D p = run.Probes.Projection;
        NodeMetadata nodes = run.Probes.Nodes;
        int maxDepth = Math.Max(1, nodes.Depth.DefaultIfEmpty(0).Max());
        Rgba Colour(int depth) => depth < 0 ? Palette.Neutral : Palette.Ramp(depth / (double)maxDepth);
        var points = p.X.Select((x, u) => new ScatterPoint(x, p.Y[u], Colour(nodes.Depth[u]), NodeTitle(nodes, u))).ToList();
        int step = Math.Max(1, (int)Math.Ceiling((maxDepth + 1) / 10.0));
        var legend = Enumerable.Range(0, maxDepth + 1).Where(d => d % step == 0 || d == maxDepth)
            .Select(d => new LegendItem($"depth {d}", Colour(d), LegendMark.Square)).ToList();
        string name = $"projection-depth-{index}";
        string svg = SvgScatterChart.Render(ProjectionLabels(name, run.Name + ": node embeddings by depth", p), points, legend, legendHeading: "colour = hops from root");
        return new ReportPlot(name, $"{run.Name}: the same projection coloured by depth (hops from the root, node {nodes.Root}).", svg);
    }

    /// <summary>The association heat map of one run; null when the run has none.</summary>
    public static ReportPlot? Associations(ReportRun run, int index)
    {
        if (run.Probes.Associations is not { } map)
        {
            return null;
        }

        string[] ids = map.Nodes.Select(u => u.ToString(CultureInfo.InvariantCulture)).ToArray();
        string name = $"associations-{index}";
        string svg = SvgHeatMap.Render(
            new PlotLabels(name, $"{run.Name}: P(answer w | [EDGE] u)", "answer node w (ordered by arm, then depth)", "prompt node u (same order)"),
            map.Probabilities, ids, ids, "probability");
        string source = run.Probes.ScoreSource == "model" ? "softmax of the model's logits after [EDGE] u" : "softmax of e_u . e_w (self excluded)";
        return new ReportPlot(name, $"{run.Name}: association heat map, {source}, over {ids.Length} nodes.", svg);
    }

    /// <summary>Outer-product memory plots (heat map, strength vs frequency) of one run; empty without one.</summary>
    public static IEnumerable<ReportPlot> OuterProduct(ReportRun run, int index)
    {
        if (run.Probes.OuterProduct is not { } o)
        {
            yield break;
        }

        string heat = $"outer-product-{index}";
        string[] rows = Enumerable.Range(0, o.HeatMap.Length).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        string[] cols = Enumerable.Range(0, o.HeatMap.FirstOrDefault()?.Length ?? 0).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        yield return new ReportPlot(heat, $"{run.Name}: softmax of E W U^T for the first inputs and outputs.",
            SvgHeatMap.Render(new PlotLabels(heat, $"{run.Name}: outer-product associations", "output y", "input x"), o.HeatMap, rows, cols, "probability"));
        string strength = $"strength-frequency-{index}";
        var points = o.Frequency.Select((f, x) => new ScatterPoint(f, o.Strength[x], Palette.Category(0))).ToList();
        yield return new ReportPlot(strength, Invariant($"{run.Name}: stored strength vs input frequency (Spearman {o.StrengthFrequencySpearman:F3}, error {o.Error:F3})."),
            SvgScatterChart.Render(new PlotLabels(strength, $"{run.Name}: stored strength vs frequency", "input frequency p(x)", "strength u_f(x)^T W e_x (logit units)"),
                points, [new LegendItem("input x", Palette.Category(0), LegendMark.Dot)]));
    }

    private static ReportPlot? Curves(IReadOnlyList<ReportRun> runs, string fragment, string name, string title, string yLabel, bool logY, string caption)
    {
        var series = new List<LineSeries>();
        for (int i = 0; i < runs.Count; i++)
        {
            foreach (var (key, points) in runs[i].Curves.Matching(fragment))
            {
                bool eval = key.StartsWith("eval/", StringComparison.Ordinal);
                series.Add(new LineSeries($"{runs[i].Name} {key}", Palette.Category(i), points, Dashed: eval, Markers: eval));
            }
        }

        if (series.Count == 0)
        {
            return null;
        }

        string svg = SvgLineChart.Render(new PlotLabels(name, title, "training step", yLabel), series, logY, yFromZero: !logY);
        return new ReportPlot(name, caption, svg);
    }

    private static PlotLabels ProjectionLabels(string name, string title, Projection2D p) => new(
        name,
        title,
        Invariant($"PC1 ({p.ExplainedVariance[0]:P0} of variance, embedding units)"),
        Invariant($"PC2 ({p.ExplainedVariance[1]:P0} of variance, embedding units)"));

    private static string NodeTitle(NodeMetadata nodes, int u) =>
        Invariant($"node {u}: arm {(nodes.Arm[u] < 0 ? "-" : nodes.Arm[u].ToString(CultureInfo.InvariantCulture))}, depth {nodes.Depth[u]}, degree {nodes.Degree[u]}");

    // Deterministic jitter in [-0.18, 0.18] so pairs at equal hop counts do not sit on one vertical line.
    private static double Jitter(int i) => ((((uint)i * 2654435761u) >> 8) / (double)(1 << 24) - 0.5) * 0.36;

    private static string Invariant(FormattableString s) => FormattableString.Invariant(s);
}
