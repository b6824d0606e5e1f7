using Trainer.Models.Hopfield.Theory;
using Trainer.Training.Experiments.DenseCapacity;
using Trainer.Training.Reports;

namespace Trainer.Training.Experiments.KdeMemory;

/// <summary>The report of <see cref="KdeMemoryExperiment"/>.</summary>
public static class KdeMemoryReport
{
    /// <summary>50% loads of one (d, beta): stored (iterated) and one-step, with the theory beside them.</summary>
    public sealed record Threshold(int Dim, double Beta, double Alpha1, double FiniteN, double FiniteNStored, double OneStep,
        double Stored, CrossingSide StoredSide)
    {
        /// <summary>ln K at 50% stored: d alpha_50.</summary>
        public double LogCapacity => Dim * Stored;
    }

    /// <summary>Aggregate of the clustering runs at one beta and key mode.</summary>
    public sealed record ClusterSummary(double Beta, bool FixedKeys, double MeanClusters, double FractionExact, double MeanAri, int MinClusters,
        int MaxClusters);

    public static List<Threshold> Thresholds(IReadOnlyList<KdePoint> points) =>
        points.GroupBy(p => (p.Dim, p.Beta)).OrderBy(g => g.Key.Beta).ThenBy(g => g.Key.Dim).Select(g =>
        {
            var sorted = g.OrderBy(p => p.Alpha).ToList();
            double stored = DamMeasure.Crossing(sorted.Select(p => (p.Alpha, p.Stored)).ToList(), 0.5, out CrossingSide side);
            double oneStep = DamMeasure.Crossing(sorted.Select(p => (p.Alpha, p.OneStep)).ToList(), 0.5, out _);
            var (d, beta) = g.Key;
            return new Threshold(d, beta, DenseMemoryTheory.Alpha1Spherical(beta), FiniteSizeRem.HalfLoad(PatternEnsemble.Spherical, d, beta),
                FiniteSizeRem.HalfLoad(PatternEnsemble.Spherical, d, beta, DamCapacityReport.IteratedWeight), oneStep, stored, side);
        }).ToList();

    public static List<ClusterSummary> Summaries(IReadOnlyList<ClusterPoint> points, int trueK) =>
        points.GroupBy(p => (p.Beta, p.FixedKeys)).OrderBy(g => g.Key.FixedKeys).ThenBy(g => g.Key.Beta).Select(g =>
            new ClusterSummary(g.Key.Beta, g.Key.FixedKeys, g.Average(p => p.Clusters), g.Count(p => p.Clusters == trueK) / (double)g.Count(),
                g.Average(p => p.Ari), g.Min(p => p.Clusters), g.Max(p => p.Clusters))).ToList();

    public static ExperimentReport Build(KdeMemoryConfig config, IReadOnlyList<KdePoint> capacity, IReadOnlyList<Threshold> thresholds,
        double identityError, IReadOnlyList<ClusterSummary> clusters, IReadOnlyList<int> rawCounts, double seconds)
    {
        var report = new ExperimentReport("Associative memory as probabilistic modelling: KDE capacity and attention clustering");
        report.Paragraph("Claims (Schaeffer et al., 2024): (1) the dense associative memory E(x) = -(1/beta) log sum_k exp(-(beta/2)||x - xi_k||^2) " +
            "is the negative log of a Gaussian kernel density with bandwidth sigma^2 = 1/beta, its retrieval is mean-shift, and on the " +
            "sphere it stores a finite but exponential number of patterns, N_max ~ exp(d alpha_1^S(beta)) (alpha_1^S: the spherical " +
            "threshold of the dense-memory capacity experiment); (2) normalisation followed by self-attention is mean-shift " +
            "clustering with a von Mises-Fisher kernel (kappa = beta), so tokens collapse onto cluster centres.");
        if (capacity.Count > 0)
        {
            KdeCapacity(report, config.Capacity, capacity, thresholds, identityError);
        }

        if (clusters.Count > 0)
        {
            Clustering(report, config.Clustering, clusters, rawCounts);
        }

        report.Paragraph($"Run time {seconds:F1} s.");
        return report;
    }

    private static void KdeCapacity(ExperimentReport report, KdeCapacityConfig c, IReadOnlyList<KdePoint> capacity,
        IReadOnlyList<Threshold> thresholds, double identityError)
    {
        report.Heading("Capacity of the Gaussian KDE memory on the sphere");
        report.Paragraph($"Method: K = round(e^(alpha d)) patterns uniform on ||xi||^2 = d, d in [{string.Join(", ", c.Dims)}], K <= {c.MaxPatterns}; " +
            $"mean-shift from {c.Queries} patterns per point (up to {c.MaxSteps} steps); a pattern is stored when the fixed point is within " +
            $"{c.Eps} sqrt(d) of it. Identity check: the largest difference between the KDE weights softmax(-(beta/2)||x - xi||^2) and " +
            $"the dense-memory weights softmax(beta x . xi), at the patterns and one mean-shift step later (off the sphere), was " +
            $"{identityError:G3}, so the KDE memory on the sphere is the spherical dense memory with lambda = beta.");
        report.Table("identity check: KDE weights against dense-memory weights on the sphere", ["max |w_KDE - w_LSE|"], [[identityError]]);
        report.Table("load alpha = ln(K)/d at which half the tested patterns are stored, and the capacity K_50 = e^(d alpha_50) " +
            "beside N_max = e^(d alpha_1^S)",
            ["d", "beta", "alpha_1^S", "finite-d estimate (one-step)", "measured one-step", "finite-d estimate (weight > 0.9)",
                "measured stored", "K_50 measured", "N_max = e^(d alpha_1^S)"],
            thresholds.Select(t => (IReadOnlyList<object?>)[t.Dim, t.Beta, t.Alpha1, t.FiniteN, t.OneStep, t.FiniteNStored,
                t.StoredSide == CrossingSide.Inside ? t.Stored : t.StoredSide == CrossingSide.AboveRange ? "> range" : "< range",
                Math.Exp(t.LogCapacity), Math.Exp(t.Dim * t.Alpha1)]));
        report.Table("growth of the capacity with d: least-squares slope of ln K_50 against d beside alpha_1^S (the finite-d margin " +
            "ln(w / (1 - w)) of the stored criterion shifts ln K by a constant, so the slope is the exponential rate)",
            ["beta", "dims fitted", "slope of ln K_50 (stored)", "slope of ln K_50 (one-step)", "alpha_1^S"],
            c.Betas.Select(b => (IReadOnlyList<object?>)[b, thresholds.Count(t => t.Beta == b && t.StoredSide == CrossingSide.Inside),
                Slope(thresholds.Where(t => t.Beta == b && t.StoredSide == CrossingSide.Inside).Select(t => ((double)t.Dim, t.LogCapacity))),
                Slope(thresholds.Where(t => t.Beta == b && !double.IsNaN(t.OneStep)).Select(t => ((double)t.Dim, t.Dim * t.OneStep))),
                DenseMemoryTheory.Alpha1Spherical(b)]));
        int dMax = c.Dims.Max();
        report.Figure($"Stored fraction vs load at d = {dMax} (solid), finite-d estimate for weight > 0.9 (dashed), alpha_1^S(beta) (dotted)",
            StoredFigure(capacity, c, dMax));
        report.Figure("Capacity grows exponentially with d: ln K_50 (measured, dots) against d, with d alpha_1^S(beta) (solid) and the " +
            "finite-d estimate (dashed)", CapacityFigure(thresholds, c));
        report.Table("all capacity points", ["d", "alpha", "K", "beta", "tested", "stored", "one-step", "finite-d (one-step)", "finite-d (weight > 0.9)"],
            capacity.Select(p => (IReadOnlyList<object?>)[p.Dim, p.Alpha, p.Patterns, p.Beta, p.Queries, p.Stored, p.OneStep, p.FiniteN, p.FiniteNStored]));
    }

    private static void Clustering(ExperimentReport report, AttentionClusteringConfig c, IReadOnlyList<ClusterSummary> clusters, IReadOnlyList<int> rawCounts)
    {
        report.Heading("Clustering by normalised self-attention");
        report.Paragraph($"Method: {c.Seeds} datasets of {c.Points} tokens from {c.Clusters} von Mises-Fisher components (kappa = {c.Kappa}, " +
            $"centres uniform on S^{c.Dim - 1}); X <- normalise(softmax(beta X X^T) X) for up to {c.Steps} steps ('attention', the keys move " +
            $"with the tokens) or with the keys fixed to the data ('mean-shift', the vMF KDE's modes); tokens are then grouped greedily " +
            $"(cosine > {c.CosineThreshold}). Without any update the raw data already form {string.Join(", ", rawCounts)} groups: that is " +
            "what a kernel much sharper than the data leaves.");
        report.Table($"clusters left against beta (true K = {c.Clusters})", ["beta", "keys", "mean clusters", "min", "max",
            $"fraction with exactly {c.Clusters}", "mean ARI vs truth"],
            clusters.Select(s => (IReadOnlyList<object?>)[s.Beta, s.FixedKeys ? "fixed (mean-shift)" : "moving (attention)", s.MeanClusters,
                s.MinClusters, s.MaxClusters, s.FractionExact, s.MeanAri]));
        var plateau = clusters.Where(s => !s.FixedKeys && s.FractionExact == 1).Select(s => s.Beta).ToList();
        report.Paragraph(plateau.Count > 0
            ? $"Attention recovers exactly K = {c.Clusters} clusters on every dataset for beta in [{plateau.Min():G3}, {plateau.Max():G3}] " +
              $"(data concentration kappa = {c.Kappa})."
            : $"No beta recovered exactly K = {c.Clusters} clusters on every dataset.");
        report.Figure("Clusters left after normalised self-attention (solid) and vMF mean-shift with fixed keys (dashed) against beta " +
            "(log10 scale), true K and the raw-data count as references", ClusterFigure(clusters, c, rawCounts));
    }

    /// <summary>Least-squares slope of y on x (NaN with fewer than two points).</summary>
    public static double Slope(IEnumerable<(double X, double Y)> points)
    {
        var p = points.ToList();
        if (p.Count < 2)
        {
            return double.NaN;
        }

        double mx = p.Average(q => q.X), my = p.Average(q => q.Y);
        double sxx = p.Sum(q => (q.X - mx) * (q.X - mx));
        return sxx > 0 ? p.Sum(q => (q.X - mx) * (q.Y - my)) / sxx : double.NaN;
    }

    private static string StoredFigure(IReadOnlyList<KdePoint> capacity, KdeCapacityConfig c, int d)
    {
        var series = new List<LineSeries>();
        var refs = new List<ReferenceLine>();
        for (int b = 0; b < c.Betas.Length; b++)
        {
            double beta = c.Betas[b];
            var pts = capacity.Where(p => p.Dim == d && p.Beta == beta).OrderBy(p => p.Alpha).ToList();
            series.Add(new LineSeries($"β = {beta:G3}", Palette.Category(b), pts.Select(p => (p.Alpha, p.Stored)).ToList(), Markers: true));
            series.Add(new LineSeries($"β = {beta:G3} finite-d", Palette.Category(b), pts.Select(p => (p.Alpha, p.FiniteNStored)).ToList(), Dashed: true));
            refs.Add(new ReferenceLine($"α1({beta:G3})", DenseMemoryTheory.Alpha1Spherical(beta), Vertical: true));
        }

        return SvgLineChart.Render(new PlotLabels("kde-stored", $"KDE memory on the sphere, d = {d}", "load α = ln(K) / d", "fraction stored"),
            series, references: refs, yFromZero: true);
    }

    private static string CapacityFigure(IReadOnlyList<Threshold> thresholds, KdeCapacityConfig c)
    {
        var series = new List<LineSeries>();
        var dims = c.Dims.Order().ToList();
        for (int b = 0; b < c.Betas.Length; b++)
        {
            double beta = c.Betas[b];
            var rows = thresholds.Where(t => t.Beta == beta).OrderBy(t => t.Dim).ToList();
            var measured = rows.Where(t => t.StoredSide == CrossingSide.Inside).Select(t => ((double)t.Dim, t.LogCapacity)).ToList();
            series.Add(new LineSeries($"β = {beta:G3} measured", Palette.Category(b), measured, Markers: true));
            double a1 = DenseMemoryTheory.Alpha1Spherical(beta);
            series.Add(new LineSeries($"d·α1 (β = {beta:G3})", Palette.Category(b), [(0, 0), (dims[^1], dims[^1] * a1)]));
            series.Add(new LineSeries($"finite-d (β = {beta:G3})", Palette.Category(b), rows.Select(t => ((double)t.Dim, t.Dim * t.FiniteNStored)).ToList(),
                Dashed: true));
        }

        return SvgLineChart.Render(new PlotLabels("kde-capacity-vs-d", "KDE memory capacity against dimension", "dimension d",
            "ln K at 50% stored"), series, yFromZero: true);
    }

    private static string ClusterFigure(IReadOnlyList<ClusterSummary> clusters, AttentionClusteringConfig c, IReadOnlyList<int> rawCounts)
    {
        var series = new List<LineSeries>
        {
            new("attention", Palette.Category(0), clusters.Where(s => !s.FixedKeys).Select(s => (Math.Log10(s.Beta), s.MeanClusters)).ToList(), Markers: true),
            new("mean-shift (fixed keys)", Palette.Category(1), clusters.Where(s => s.FixedKeys).Select(s => (Math.Log10(s.Beta), s.MeanClusters)).ToList(),
                Dashed: true, Markers: true),
        };
        var refs = new List<ReferenceLine>
        {
            new($"true K = {c.Clusters}", c.Clusters, Vertical: false),
            new($"raw data: {rawCounts.Average():G3}", rawCounts.Average(), Vertical: false),
            new("β = κ", Math.Log10(Math.Max(c.Kappa, 1e-9)), Vertical: true),
        };
        return SvgLineChart.Render(new PlotLabels("attention-clusters", "Clusters left by normalised self-attention", "log10 β",
            "clusters (mean over datasets, log scale)"), series, logY: true, references: refs);
    }
}
