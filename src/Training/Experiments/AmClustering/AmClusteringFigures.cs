using Trainer.Training.Logging.Png;
using Trainer.Training.Reports;

namespace Trainer.Training.Experiments.AmClustering;

/// <summary>The figures of the am-clustering report (inline SVG).</summary>
public static class AmClusteringFigures
{
    private static readonly Rgba Ink = new(20, 20, 20);

    /// <summary>Colour of a method: ours first, then sklearn's three.</summary>
    public static Rgba MethodColour(string method) => Palette.Category(MethodOrder(method));

    /// <summary>Ours in the paper's order, then KMeans, GaussianMixture, BayesianGaussianMixture.</summary>
    public static int MethodOrder(string method) => method switch
    {
        AmClusteringRunner.Clam => 0,
        AmClusteringRunner.Elbo => 1,
        AmClusteringRunner.Crp => 2,
        "KMeans" => 3,
        "GaussianMixture" => 4,
        "BayesianGaussianMixture" => 5,
        _ => 6,
    };

    /// <summary>A 2-D data set coloured by an assignment, with its memories (or the true centres) marked by crosses.</summary>
    public static string Scatter(ClusteringDataset ds, string title, int[] labels, double[] memories, string memoryName)
    {
        var points = new List<ScatterPoint>(ds.N);
        for (int i = 0; i < ds.N; i++)
        {
            points.Add(new ScatterPoint(ds.Points[2 * i], ds.Points[(2 * i) + 1], Palette.Category(labels[i])));
        }

        var overlays = Crosses(ds, memories, memoryName);
        var legend = labels.Distinct().Order().Take(12).Select(l => new LegendItem($"cluster {l}", Palette.Category(l), LegendMark.Dot)).ToList();
        legend.Add(new LegendItem($"{memoryName} (x)", Ink, LegendMark.Line));
        return SvgScatterChart.Render(new PlotLabels("scatter-" + Id(title), title, "x1", "x2"), points, legend, overlays, "assignment", radius: 3);
    }

    /// <summary>
    /// A 2-D data set coloured by how proportional its assignment is: max_k r_k(x) on the sequential ramp, from 1/K
    /// (dark: shared evenly between memories) to 1 (bright: one memory takes it all); memories marked.
    /// </summary>
    public static string Confidence(ClusteringDataset ds, string title, double[] confidence, double[] memories)
    {
        int k = memories.Length / 2;
        double lo = 1.0 / k;
        var points = new List<ScatterPoint>(ds.N);
        for (int i = 0; i < ds.N; i++)
        {
            double t = (confidence[i] - lo) / (1 - lo);
            points.Add(new ScatterPoint(ds.Points[2 * i], ds.Points[(2 * i) + 1], Palette.Ramp(t),
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"max r = {confidence[i]:F3}")));
        }

        var overlays = Crosses(ds, memories, "memory");
        var legend = new List<LegendItem>
        {
            new("max r = 1/K", Palette.Ramp(0), LegendMark.Dot),
            new("max r = 0.5 + 0.5/K", Palette.Ramp(0.5), LegendMark.Dot),
            new("max r = 1", Palette.Ramp(1), LegendMark.Dot),
            new("memory (x)", Ink, LegendMark.Line),
        };
        return SvgScatterChart.Render(new PlotLabels("confidence-" + Id(title), title, "x1", "x2"), points, legend, overlays, "responsibility", radius: 3);
    }

    /// <summary>Mean ARI against the separation (or kappa) of one family, one line per method.</summary>
    public static string AriAgainst(IReadOnlyList<MethodResult> results, string family, string xLabel)
    {
        var series = results.Where(r => r.Data.Family == family)
            .GroupBy(r => r.Method)
            .OrderBy(g => MethodOrder(g.Key))
            .Select(g => new LineSeries(g.Key, MethodColour(g.Key),
                g.GroupBy(r => r.Data.Parameter).OrderBy(p => p.Key).Select(p => (p.Key, p.Average(r => r.Ari))).ToList(),
                Dashed: MethodOrder(g.Key) >= 3, Markers: true))
            .ToList();
        return SvgLineChart.Render(new PlotLabels($"ari-{family}", $"ARI against {xLabel} ({family} mixtures)", xLabel, "adjusted Rand index (mean)"),
            series, yFromZero: true);
    }

    /// <summary>Mean number of memories found against the true K, per method; the truth is the dotted diagonal.</summary>
    public static string MemoriesAgainstK(IReadOnlyList<MethodResult> results)
    {
        var series = results.GroupBy(r => r.Method)
            .OrderBy(g => MethodOrder(g.Key))
            .Select(g => new LineSeries(g.Key + (g.First().ToldK ? " (told K)" : " (learns K)"), MethodColour(g.Key),
                g.GroupBy(r => r.Data.K).OrderBy(p => p.Key).Select(p => ((double)p.Key, p.Average(r => (double)r.Memories))).ToList(),
                Dashed: MethodOrder(g.Key) >= 3, Markers: true))
            .ToList();
        var ks = results.Select(r => (double)r.Data.K).Distinct().Order().ToList();
        series.Add(new LineSeries("true K", new Rgba(120, 120, 120), ks.Select(k => (k, k)).ToList(), Dashed: true));
        return SvgLineChart.Render(new PlotLabels("memories-vs-k", "Memories used against the true K (all data sets)", "true K",
            "memories owning a point (mean)"), series, yFromZero: true);
    }

    private static List<LineSeries> Crosses(ClusteringDataset ds, double[] memories, string name)
    {
        double h = 0.02 * Math.Max(Range(ds.Points, 0), Range(ds.Points, 1));
        var overlays = new List<LineSeries>();
        for (int k = 0; k < memories.Length / 2; k++)
        {
            double x = memories[2 * k], y = memories[(2 * k) + 1];
            overlays.Add(new LineSeries(name, Ink, [(x - h, y - h), (x + h, y + h), (x, y), (x - h, y + h), (x + h, y - h)]));
        }

        return overlays;
    }

    private static string Id(string title) => new(title.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());

    private static double Range(float[] points, int column)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int i = column; i < points.Length; i += 2)
        {
            lo = Math.Min(lo, points[i]);
            hi = Math.Max(hi, points[i]);
        }

        return Math.Max(hi - lo, 1e-9);
    }
}
