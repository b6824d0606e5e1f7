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

        double span = Math.Max(Range(ds.Points, 0), Range(ds.Points, 1));
        double h = 0.02 * span;
        var overlays = new List<LineSeries>();
        for (int k = 0; k < memories.Length / 2; k++)
        {
            double x = memories[2 * k], y = memories[(2 * k) + 1];
            overlays.Add(new LineSeries(memoryName, Ink, [(x - h, y - h), (x + h, y + h), (x, y), (x - h, y + h), (x + h, y - h)]));
        }

        var legend = labels.Distinct().Order().Take(12).Select(l => new LegendItem($"cluster {l}", Palette.Category(l), LegendMark.Dot)).ToList();
        legend.Add(new LegendItem($"{memoryName} (x)", Ink, LegendMark.Line));
        string id = "scatter-" + new string(title.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());
        return SvgScatterChart.Render(new PlotLabels(id, title, "x1", "x2"), points, legend, overlays, "assignment", radius: 3);
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
