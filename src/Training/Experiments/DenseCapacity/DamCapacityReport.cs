using Trainer.Models.Hopfield.Theory;
using Trainer.Training.Logging.Png;
using Trainer.Training.Reports;

namespace Trainer.Training.Experiments.DenseCapacity;

/// <summary>The report of <see cref="DamCapacityExperiment"/>: thresholds table, success curves, phase diagram, basins.</summary>
public static class DamCapacityReport
{
    /// <summary>One row of the thresholds table: a (ensemble, N, lambda) and its 50% loads.</summary>
    public sealed record Threshold(PatternEnsemble Ensemble, int N, double Lambda, double Alpha1, double FiniteN,
        double Measured, CrossingSide Side, double Iterated, double FiniteNIterated);

    /// <summary>
    /// Self-weight at the start that the distance criterion of the iterated retrieval roughly needs: x* - xi is about
    /// (1 - w) (m - xi) with m the mixture of the others, so ||x* - xi|| / sqrt(N) &lt; 0.1 needs w &gt; 0.9.
    /// </summary>
    public const double IteratedWeight = 0.9;

    /// <summary>50% loads of every (ensemble, N, lambda) measured.</summary>
    public static List<Threshold> Thresholds(IReadOnlyList<CapacityPoint> points)
    {
        var rows = new List<Threshold>();
        foreach (var g in points.GroupBy(p => (p.Ensemble, p.N, p.Lambda)).OrderBy(g => g.Key.Ensemble).ThenBy(g => g.Key.N).ThenBy(g => g.Key.Lambda))
        {
            var sorted = g.OrderBy(p => p.Alpha).ToList();
            double measured = DamMeasure.Crossing(sorted.Select(p => (p.Alpha, p.OneStep)).ToList(), 0.5, out CrossingSide side);
            var iter = sorted.Where(p => !double.IsNaN(p.IteratedDistance)).Select(p => (p.Alpha, p.IteratedDistance)).ToList();
            double iterated = iter.Count > 1 ? DamMeasure.Crossing(iter, 0.5, out _) : double.NaN;
            var (e, n, lam) = g.Key;
            double finiteIter = iter.Count > 1 ? FiniteSizeRem.HalfLoad(e, n, lam, IteratedWeight) : double.NaN;
            rows.Add(new Threshold(e, n, lam, DenseMemoryTheory.Alpha1(e, lam), FiniteSizeRem.HalfLoad(e, n, lam), measured, side, iterated, finiteIter));
        }

        return rows;
    }

    public static ExperimentReport Build(DamCapacityConfig config, IReadOnlyList<CapacityPoint> capacity, IReadOnlyList<BasinPoint> basins,
        IReadOnlyList<Threshold> thresholds, double seconds, int basinDim)
    {
        var report = new ExperimentReport("Exponential capacity of dense associative memories");
        report.Paragraph("Claim (Lucibello and Mezard, PRL 2024): with P = e^(alpha N) stored patterns and the LSE energy at inverse " +
            "temperature lambda on the raw dot product, a typical pattern is retrieved iff alpha < alpha_1(lambda), the point where the " +
            "pattern's own term lambda N beats the free entropy of a Random Energy Model formed by the other patterns' scores. " +
            "Gaussian patterns: alpha_1 = lambda - lambda^2/2 (lambda <= 1), 1/2 beyond. Spherical patterns: alpha_1 = lambda (1 - q*) - " +
            "1/2 ln(1 - q*^2), q* = (sqrt(1 + 4 lambda^2) - 1) / (2 lambda), which grows without bound with lambda.");
        report.Paragraph($"Method: for each ensemble and N in [{string.Join(", ", config.Dims)}], P = round(e^(alpha N)) patterns for alpha from " +
            $"{config.AlphaMin} to {config.AlphaMax} (P <= {config.MaxPatterns}); the plotted load is the effective ln(P)/N. One-step success: the " +
            $"fraction of {config.Queries} stored patterns whose own softmax weight exceeds 1/2 when the state is the pattern (exactly the " +
            $"alpha_1 criterion). Iterated: {config.IteratedQueries} patterns per point (P <= {config.IteratedMaxPatterns}), updates until the state " +
            $"moves < 1e-4 or {config.MaxSteps} steps, retrieved if ||x* - xi|| / sqrt(N) < {config.DistanceTol}. 'finite-N estimate' is a finite " +
            "Random Energy Model with the exact finite-N overlap law (FiniteSizeRem); it is a quadrature, not a fit. The iterated " +
            "column is compared with the same estimate asking for a start weight above 0.9, which is what the distance tolerance needs.");
        report.Heading("Thresholds: measured 50% load beside alpha_1");
        report.Table("alpha at 50% retrieval (one-step unless stated); n/a: the curve does not cross 1/2 inside the swept range",
            ["ensemble", "N", "lambda", "alpha_1 (N -> inf)", "finite-N estimate", "measured (one-step)", "measured - alpha_1",
                "finite-N estimate, weight > 0.9", "measured (iterated, distance)"],
            thresholds.Select(t => (IReadOnlyList<object?>)[DamSweep.Name(t.Ensemble), t.N, t.Lambda, t.Alpha1, t.FiniteN,
                Side(t.Measured, t.Side), t.Measured - t.Alpha1, t.FiniteNIterated, t.Iterated]));
        report.Paragraph(Verdict(thresholds));
        foreach (PatternEnsemble e in config.Ensembles)
        {
            foreach (int n in config.Dims)
            {
                report.Figure($"{DamSweep.Name(e)} patterns, N = {n}: one-step success vs load (solid), finite-N estimate (dashed), " +
                    "alpha_1 of each lambda (dotted verticals)", SuccessFigure(capacity, config, e, n));
            }
        }

        report.Heading("Phase diagram");
        report.Figure("Retrieval phase diagram: alpha_1(lambda) for Gaussian and spherical patterns (solid), finite-N estimate at the largest N " +
            "(dashed), measured one-step 50% loads (dots; lighter = smaller N). Below a curve the typical pattern is retrieved.",
            PhaseFigure(thresholds, config));
        if (basins.Count > 0)
        {
            report.Heading($"One-step basins of attraction (N = {basinDim})");
            report.Paragraph("A query at overlap rho0 = x . xi / N (||x||^2 = N, noise orthogonal to the pattern) is pulled to xi in one update " +
                "iff lambda rho0 > phi(lambda), so the basin edge is rho0 = phi / lambda (phi: the REM free entropy at load alpha); as " +
                "lambda -> infinity it tends to sqrt(2 alpha) (Gaussian) or sqrt(1 - e^(-2 alpha)) (spherical).");
            report.Table("start overlap at which half the queries are retrieved in one step", ["ensemble", "N", "alpha", "P", "lambda",
                "phi/lambda (N -> inf)", "finite-N estimate", "measured"], BasinRows(basins));
            foreach (PatternEnsemble e in config.Ensembles)
            {
                report.Figure($"{DamSweep.Name(e)} patterns: one-step retrieval rate vs start overlap (solid), finite-N estimate (dashed), " +
                    "phi/lambda (dotted)", BasinFigure(basins, e));
            }
        }

        report.Heading("All measurements");
        report.Table("success vs load for the lambdas of the curves (iterated columns: n/a where not run)",
            ["ensemble", "N", "alpha", "P", "lambda", "queries", "one-step", "iterated self-weight", "iterated distance", "finite-N estimate", "theory (N -> inf)"],
            capacity.Where(p => config.Lambdas.Contains(p.Lambda)).Select(p => (IReadOnlyList<object?>)[DamSweep.Name(p.Ensemble), p.N, p.Alpha, p.Patterns, p.Lambda, p.Queries, p.OneStep,
                p.IteratedSelf, p.IteratedDistance, p.FiniteN, p.Theory]));
        report.Paragraph($"Run time {seconds:F1} s.");
        return report;
    }

    private static string Side(double v, CrossingSide side) => side switch
    {
        CrossingSide.BelowRange => "< range",
        CrossingSide.AboveRange => "> range",
        _ => ExperimentReport.Cell(v),
    };

    private static string Verdict(IReadOnlyList<Threshold> t)
    {
        string Mean(PatternEnsemble e, Func<Threshold, double> f)
        {
            var v = t.Where(x => x.Ensemble == e && !double.IsNaN(x.Measured)).Select(f).ToList();
            return v.Count == 0 ? "n/a" : $"{v.Average():+0.000;-0.000} (over {v.Count} (N, lambda) pairs)";
        }

        return "Mean shift of the measured 50% load from alpha_1: spherical " + Mean(PatternEnsemble.Spherical, x => x.Measured - x.Alpha1) +
            ", Gaussian " + Mean(PatternEnsemble.Gaussian, x => x.Measured - x.Alpha1) + ". From the finite-N estimate: spherical " +
            Mean(PatternEnsemble.Spherical, x => x.Measured - x.FiniteN) + ", Gaussian " + Mean(PatternEnsemble.Gaussian, x => x.Measured - x.FiniteN) + ".";
    }

    private static IEnumerable<IReadOnlyList<object?>> BasinRows(IReadOnlyList<BasinPoint> basins)
    {
        foreach (var g in basins.GroupBy(b => (b.Ensemble, b.N, b.Alpha, b.Patterns, b.Lambda)))
        {
            var (e, n, a, p, lam) = g.Key;
            // Rates rise with rho0: cross on (-rho0, rate), which falls as -rho0 grows.
            var pts = g.OrderByDescending(b => b.Overlap).Select(b => (-b.Overlap, b.Rate)).ToList();
            double measured = -DamMeasure.Crossing(pts, 0.5, out CrossingSide side);
            double theory = DenseMemoryTheory.OneStepBasinOverlap(e, lam, a);
            yield return [DamSweep.Name(e), n, a, p, lam, theory, FiniteSizeRem.HalfOverlap(e, n, lam, a), Side(measured, side)];
        }
    }

    private static string SuccessFigure(IReadOnlyList<CapacityPoint> capacity, DamCapacityConfig config, PatternEnsemble e, int n)
    {
        var series = new List<LineSeries>();
        var refs = new List<ReferenceLine>();
        for (int l = 0; l < config.Lambdas.Length; l++)
        {
            double lam = config.Lambdas[l];
            var pts = capacity.Where(p => p.Ensemble == e && p.N == n && p.Lambda == lam).OrderBy(p => p.Alpha).ToList();
            series.Add(new LineSeries($"λ = {lam:G3}", Palette.Category(l), pts.Select(p => (p.Alpha, p.OneStep)).ToList(), Markers: true));
            series.Add(new LineSeries($"λ = {lam:G3} finite-N", Palette.Category(l), pts.Select(p => (p.Alpha, p.FiniteN)).ToList(), Dashed: true));
            refs.Add(new ReferenceLine($"α1({lam:G3})", DenseMemoryTheory.Alpha1(e, lam), Vertical: true));
        }

        var labels = new PlotLabels($"dam-success-{DamSweep.Name(e)}-{n}", $"{DamSweep.Name(e)} patterns, N = {n}",
            "load α = ln(P) / N", "fraction retrieved (one step)");
        return SvgLineChart.Render(labels, series, references: refs, yFromZero: true);
    }

    private static string PhaseFigure(IReadOnlyList<Threshold> thresholds, DamCapacityConfig config)
    {
        double maxLambda = thresholds.Select(t => t.Lambda).DefaultIfEmpty(3).Max();
        var grid = Enumerable.Range(1, 120).Select(i => i * maxLambda / 120).ToList();
        var overlays = new List<LineSeries>();
        var legend = new List<LegendItem>();
        var points = new List<ScatterPoint>();
        int largest = config.Dims.Max();
        foreach (PatternEnsemble e in config.Ensembles)
        {
            Rgba c = e == PatternEnsemble.Gaussian ? Palette.Category(0) : Palette.Category(1);
            string name = DamSweep.Name(e);
            overlays.Add(new LineSeries($"α1 {name}", c, grid.Select(l => (l, DenseMemoryTheory.Alpha1(e, l))).ToList()));
            legend.Add(new LegendItem($"α1 {name} (N→∞)", c, LegendMark.Line));
            var finite = thresholds.Where(t => t.Ensemble == e && t.N == largest).OrderBy(t => t.Lambda).Select(t => (t.Lambda, t.FiniteN)).ToList();
            overlays.Add(new LineSeries($"finite-N {name}", c, finite, Dashed: true));
            legend.Add(new LegendItem($"finite-N {name}, N={largest}", c, LegendMark.DashedLine));
            var dims = config.Dims.Order().ToList();
            for (int j = 0; j < dims.Count; j++)
            {
                Rgba shade = Lighten(c, dims.Count == 1 ? 0 : 0.55 * (dims.Count - 1 - j) / (dims.Count - 1));
                foreach (Threshold t in thresholds.Where(t => t.Ensemble == e && t.N == dims[j] && !double.IsNaN(t.Measured)))
                {
                    points.Add(new ScatterPoint(t.Lambda, t.Measured, shade, $"{name} N={t.N} λ={t.Lambda:G3}: α50={t.Measured:F3}, α1={t.Alpha1:F3}"));
                }

                legend.Add(new LegendItem($"measured {name}, N={dims[j]}", shade, LegendMark.Dot));
            }
        }

        var labels = new PlotLabels("dam-phase-diagram", "Phase diagram: retrieval threshold", "inverse temperature λ", "load α = ln(P) / N");
        return SvgScatterChart.Render(labels, points, legend, overlays);
    }

    private static string BasinFigure(IReadOnlyList<BasinPoint> basins, PatternEnsemble e)
    {
        var series = new List<LineSeries>();
        var refs = new List<ReferenceLine>();
        int i = 0;
        foreach (var g in basins.Where(b => b.Ensemble == e).GroupBy(b => (b.Alpha, b.Lambda)))
        {
            var (a, lam) = g.Key;
            var pts = g.OrderBy(b => b.Overlap).ToList();
            string name = $"α={a:F2} λ={lam:G3}";
            series.Add(new LineSeries(name, Palette.Category(i), pts.Select(b => (b.Overlap, b.Rate)).ToList(), Markers: true));
            series.Add(new LineSeries(name + " finite-N", Palette.Category(i), pts.Select(b => (b.Overlap, b.FiniteN)).ToList(), Dashed: true));
            double edge = DenseMemoryTheory.OneStepBasinOverlap(e, lam, a);
            if (edge <= 1)
            {
                refs.Add(new ReferenceLine($"φ/λ ({i + 1})", edge, Vertical: true));
            }

            i++;
        }

        var labels = new PlotLabels($"dam-basins-{DamSweep.Name(e)}", $"One-step basins, {DamSweep.Name(e)} patterns", "start overlap ρ0",
            "fraction retrieved in one step");
        return SvgLineChart.Render(labels, series, references: refs, yFromZero: true);
    }

    /// <summary>Mixes a colour with white: t = 0 keeps it, t = 1 gives white.</summary>
    public static Rgba Lighten(Rgba c, double t) =>
        new((byte)Math.Round(c.R + ((255 - c.R) * t)), (byte)Math.Round(c.G + ((255 - c.G) * t)), (byte)Math.Round(c.B + ((255 - c.B) * t)));
}
