using Trainer.Models.OuterProduct;
using Trainer.Training.Logging;
using Trainer.Training.Reports;

namespace Trainer.Training.Experiments.ScalingLaws;

/// <summary>
/// Scaling laws of outer-product associative memories (Cabannes, Dohmatob and Bietti 2024; PAPERS.md section 1, issue 7
/// item 1). Inputs x ~ Zipf(alpha) over N tokens, labels f*(x) = x mod M, memory W = sum_x q(x) u_{f*(x)} e_x^T with
/// random embeddings, error E = sum_x p(x) 1[argmax_y u_y^T W e_x != f*(x)]. Measures E against d (fixed T) and against
/// T (fixed d &gt;= N) for the count-based estimators, fits log-log slopes and sets them beside the theory
/// (thresholding: E ~ d^-(alpha-1) + T^-(1-1/alpha); q = p^rho: d^-(alpha-1)/(2 rho alpha); unseen mass
/// U_T = sum_x p(x)(1-p(x))^T, exact); trains the optimisation-based memories with the authors' optimisers beside
/// their reported numbers; draws the association heat maps.
/// </summary>
public sealed class ScalingLawsExperiment : IExperiment
{
    public string Name => "scaling-laws";

    public string Description => "outer-product memories on Zipf inputs: error vs d and T per estimator, fitted slopes vs theory, optimiser sweep, heat maps";

    public Type ConfigType => typeof(ScalingLawsConfig);

    public object DefaultConfig(string scale) => scale == "large"
        ? new ScalingLawsConfig
        {
            Inputs = 100_000, Dims = [20, 40, 80, 160, 320, 640, 1280], DimSweepSamples = 1_000_000, Draws = 10,
            Samples = [100, 1000, 10_000, 100_000, 1_000_000, 10_000_000], SampleSweepDim = 2000,
            OptDims = [10, 20, 50, 100, 200, 500, 1000], OptSeeds = 10,
        }
        : new ScalingLawsConfig();

    public ExperimentReport Execute(object config, ExperimentContext context)
    {
        var c = (ScalingLawsConfig)config;
        using var tb = new SummaryWriter(context.Run.Path);
        var report = new ExperimentReport("Scaling laws of outer-product associative memories")
            .Paragraph("Claim (Cabannes, Dohmatob, Bietti 2024): with Zipf(alpha) inputs over N tokens, random embeddings in dimension d and T samples, " +
                       "the thresholded memory (store the P ~ d most frequent seen tokens) has error ~ d^-(alpha-1) + T^-(1-1/alpha); storing every " +
                       "seen token (rho = 0) is limited by interference until d ~ N and then by the unseen mass U_T = sum_x p(x)(1-p(x))^T; " +
                       "frequency weighting (rho = 1) is slower in d (d^-(alpha-1)/(2 alpha) at infinite T); SGD stores a saturating f_gamma^(n_x)(0), " +
                       "so large steps and small batches behave like thresholding; Adam with beta = 0 and row normalisation flatten the weights further.")
            .Paragraph($"Method: N = {c.Inputs}, M = {c.Classes}, alpha in {{{string.Join(", ", c.Alphas)}}}, {c.Draws} draws of samples and embeddings per point; " +
                       $"errors are exact p-weighted sums over all N inputs. Estimators: rho = 0, rho = 1, thresholding rho = 0 with P = {c.KeepPerDim:G3} d, " +
                       $"SGD-saturating gamma = {c.SgdGamma:G3}. Slopes are least-squares fits of ln E against ln d (or ln T) over the points with E > 0.");
        var estimators = new[]
        {
            EstimatorSpec.Frequency(0), EstimatorSpec.Frequency(1), EstimatorSpec.Thresholding(0, c.KeepPerDim), EstimatorSpec.SgdApproximation(c.SgdGamma),
        };
        foreach (double alpha in c.Alphas)
        {
            context.Cancel.ThrowIfCancellationRequested();
            DimSweep(c, alpha, estimators, report, tb, context);
            SampleSweep(c, alpha, estimators, report, tb, context);
        }

        OptimiserSweep(c, report, tb, context);
        Heatmaps(c, report);
        report.Paragraph("TensorBoard scalars (d_sweep/*, t_sweep/*, optimiser/*) are in this run folder.");
        return report;
    }

    private static string A(double alpha) => alpha.ToString("G3", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Theory exponent of E in d at infinite T, or NaN where the paper gives none.</summary>
    public static double DimExponent(EstimatorSpec e, double alpha) => e.Kind switch
    {
        EstimatorKind.Threshold => -(alpha - 1),
        EstimatorKind.Rho when 2 * e.Rho * alpha > 1 => -(alpha - 1) / (2 * e.Rho * alpha),
        _ => double.NaN,
    };

    private static void DimSweep(ScalingLawsConfig c, double alpha, EstimatorSpec[] estimators, ExperimentReport report, SummaryWriter tb, ExperimentContext context)
    {
        SweepResult r = OuterProductSweep.Run(new SweepConfig
        {
            Inputs = c.Inputs, Classes = c.Classes, Alpha = alpha, Dims = c.Dims, Samples = [c.DimSweepSamples], Draws = c.Draws,
            Estimators = estimators, Seed = (ulong)c.Seed,
        });
        context.Progress.Log($"alpha {A(alpha)}: d sweep in {r.Seconds:F1} s");
        var header = new List<string> { "estimator" };
        header.AddRange(c.Dims.Select(d => $"d={d}"));
        header.AddRange(["fitted slope", "theory exponent"]);
        var rows = new List<IReadOnlyList<object?>>();
        var series = new List<LineSeries>();
        for (int k = 0; k < estimators.Length; k++)
        {
            string name = estimators[k].Name;
            var pts = c.Dims.Select(d => ((double)d, r.MeanError(d, c.DimSweepSamples, name))).ToList();
            foreach (var (d, e) in pts)
            {
                tb.add_scalar($"d_sweep/alpha{A(alpha)}/{name}", e, (long)d);
            }

            var row = new List<object?> { name };
            row.AddRange(pts.Select(p => (object?)p.Item2));
            row.Add(ScalingLawsMeasure.LogLogSlope(pts));
            row.Add(DimExponent(estimators[k], alpha));
            rows.Add(row);
            series.Add(new LineSeries(name, Palette.Category(k), pts.Select(p => (Math.Log10(p.Item1), p.Item2)).ToList(), Markers: true));
        }

        double u = MemoryTheory.UnseenMass(MemoryTheory.Zipf(c.Inputs, alpha), c.DimSweepSamples);
        report.Heading($"Error against memory size d (alpha = {A(alpha)}, T = {c.DimSweepSamples})")
            .Table($"Mean error per (estimator, d), alpha = {A(alpha)}, N = {c.Inputs}, T = {c.DimSweepSamples}; exact unseen mass U_T = {u:G4}",
                header, rows)
            .Figure($"Error vs log10 d, alpha = {A(alpha)} (log y)", SvgLineChart.Render(
                new PlotLabels($"scaling-d-alpha{A(alpha)}", $"error vs d, alpha = {A(alpha)}", "log10 d", "error"), series, logY: true));
    }

    private static void SampleSweep(ScalingLawsConfig c, double alpha, EstimatorSpec[] estimators, ExperimentReport report, SummaryWriter tb, ExperimentContext context)
    {
        SweepResult r = OuterProductSweep.Run(new SweepConfig
        {
            Inputs = c.Inputs, Classes = c.Classes, Alpha = alpha, Dims = [c.SampleSweepDim], Samples = c.Samples, Draws = c.Draws,
            Estimators = estimators, Seed = (ulong)c.Seed + 1,
        });
        context.Progress.Log($"alpha {A(alpha)}: T sweep in {r.Seconds:F1} s");
        double[] p = MemoryTheory.Zipf(c.Inputs, alpha);
        var header = new List<string> { "T", "U_T exact", "U_T sampled", "(1-1/M) U_T", "U_T asymptotic (N=inf)" };
        header.AddRange(estimators.Select(e => e.Name));
        var rows = new List<IReadOnlyList<object?>>();
        foreach (long t in c.Samples)
        {
            double u = MemoryTheory.UnseenMass(p, t);
            var row = new List<object?>
            {
                t, u, r.Points.Where(q => q.Samples == t && q.Estimator == estimators[0].Name).Average(q => q.UnseenMass),
                (1 - 1.0 / c.Classes) * u, MemoryTheory.UnseenMassAsymptotic(t, alpha),
            };
            foreach (EstimatorSpec e in estimators)
            {
                double err = r.MeanError(c.SampleSweepDim, t, e.Name);
                row.Add(err);
                tb.add_scalar($"t_sweep/alpha{A(alpha)}/{e.Name}", err, t);
            }

            rows.Add(row);
        }

        var slopeRows = new List<IReadOnlyList<object?>>
        {
            new object?[] { "U_T exact", ScalingLawsMeasure.LogLogSlope(c.Samples.Select(t => ((double)t, MemoryTheory.UnseenMass(p, t))).ToList()), -(1 - 1 / alpha) },
        };
        var series = new List<LineSeries>
        {
            new("U_T exact", Palette.Neutral, c.Samples.Select(t => (Math.Log10(t), MemoryTheory.UnseenMass(p, t))).ToList(), Dashed: true),
        };
        for (int k = 0; k < estimators.Length; k++)
        {
            var pts = c.Samples.Select(t => ((double)t, r.MeanError(c.SampleSweepDim, t, estimators[k].Name))).ToList();
            slopeRows.Add(new object?[] { estimators[k].Name, ScalingLawsMeasure.LogLogSlope(pts), -(1 - 1 / alpha) });
            series.Add(new LineSeries(estimators[k].Name, Palette.Category(k), pts.Select(q => (Math.Log10(q.Item1), q.Item2)).ToList(), Markers: true));
        }

        report.Heading($"Error against sample count T (alpha = {A(alpha)}, d = {c.SampleSweepDim})")
            .Table($"Mean error per (T, estimator) beside the unseen mass, alpha = {A(alpha)}, N = {c.Inputs}, d = {c.SampleSweepDim}", header, rows)
            .Table($"Fitted T slopes, alpha = {A(alpha)} (theory: -(1-1/alpha) for N = infinity; finite N bends U_T down at T ~ N^alpha)",
                ["curve", "fitted slope", "theory exponent"], slopeRows)
            .Figure($"Error vs log10 T, alpha = {A(alpha)}, d = {c.SampleSweepDim} (log y); dashed: exact unseen mass", SvgLineChart.Render(
                new PlotLabels($"scaling-T-alpha{A(alpha)}", $"error vs T, alpha = {A(alpha)}", "log10 T", "error"), series, logY: true));
    }

    private static void OptimiserSweep(ScalingLawsConfig c, ExperimentReport report, SummaryWriter tb, ExperimentContext context)
    {
        double alpha = 2;
        var settings = c.OptSettings.Select(OptSetting.Parse).ToList();
        var header = new List<string> { "setting" };
        header.AddRange(c.OptDims.Select(d => $"d={d}"));
        header.AddRange(["fitted d slope", "authors (d=10, 50, 100, 1000)"]);
        var rows = new List<IReadOnlyList<object?>>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (OptSetting s in settings)
        {
            var pts = new List<(double, double)>();
            foreach (int d in c.OptDims)
            {
                context.Cancel.ThrowIfCancellationRequested();
                double mean = Enumerable.Range(0, c.OptSeeds)
                    .Average(seed => ScalingLawsMeasure.TrainedError(s, c.OptInputs, c.Classes, d, alpha, c.OptSamples, (ulong)(c.Seed * 1000 + seed)));
                pts.Add((d, mean));
                tb.add_scalar($"optimiser/{s.Label}", mean, d);
            }

            var row = new List<object?> { s.Label };
            row.AddRange(pts.Select(q => (object?)q.Item2));
            row.Add(ScalingLawsMeasure.LogLogSlope(pts));
            row.Add(AuthorsNumbers.TryGetValue(s.Label, out string? a) ? a : "");
            rows.Add(row);
            context.Progress.Log($"{s.Label}: {string.Join(", ", pts.Select(q => q.Item2.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)))}");
        }

        report.Heading("Optimisation-based memories: optimiser, step size and batch size")
            .Paragraph($"Single pass over T = {c.OptSamples} samples, N = {c.OptInputs}, M = {c.Classes}, alpha = 2, mean of {c.OptSeeds} seeds " +
                       $"(the authors: 10); {clock.Elapsed.TotalSeconds:F0} s. Adam has betas (0, 0) at lr/d for W and lr/sqrt(d) for learned E, U; " +
                       "'learnable' learns the embeddings too. The authors' numbers are from PAPERS.md section 1.3 (model matrix, T = 102400, 10 seeds).")
            .Table("Error per (optimiser setting, d) beside the authors' reported errors", header, rows);
    }

    /// <summary>The authors' errors (PAPERS.md 1.3, finer_dim data) by setting label, at d = 10, 50, 100, 1000.</summary>
    public static IReadOnlyDictionary<string, string> AuthorsNumbers { get; } = new Dictionary<string, string>
    {
        ["matrix SGD, lr 0.1, |B| 1024"] = "0.203, 0.098, 0.073, 0.049",
        ["matrix Adam(beta=0), lr 0.1, |B| 1024"] = "0.094, 0.061, 0.044, 0.025",
        ["matrix Adam(beta=0)+LN, lr 0.1, |B| 1024"] = "0.059, 0.025, 0.018, 0.008",
        ["matrix SGD, lr 100, |B| 1024"] = "0.031, 0.0086, 0.0062, 0.0018",
        ["matrix SGD, lr 1, |B| 16"] = "0.033, 0.0086, 0.0056, 0.0014",
    };

    private static void Heatmaps(ScalingLawsConfig c, ExperimentReport report)
    {
        var estimators = new[] { EstimatorSpec.Frequency(0), EstimatorSpec.Frequency(1), EstimatorSpec.ThresholdingFixed(Math.Max(1, c.MapDim / 2)), EstimatorSpec.SgdApproximation(c.SgdGamma) };
        var maps = ScalingLawsMeasure.Heatmaps(estimators, c.MapInputs, c.Classes, c.MapDim, c.Alphas[0], c.MapSamples, (ulong)c.Seed);
        report.Heading($"Memory-association heat maps (N = {c.MapInputs}, M = {c.Classes}, d = {c.MapDim}, T = {c.MapSamples}, alpha = {A(c.Alphas[0])})")
            .Paragraph("Each map shows softmax_y(u_y^T W e_x): row x (most frequent first), column y; the correct class is y = x mod M.");
        var rowLabels = Enumerable.Range(0, c.MapInputs).Select(x => $"x={x}").ToList();
        var colLabels = Enumerable.Range(0, c.Classes).Select(y => $"y={y}").ToList();
        foreach (var (name, map, error) in maps)
        {
            report.Figure($"{name}: error {error:G3}", SvgHeatMap.Render(
                new PlotLabels($"heatmap-{name}", $"{name}", "class y", "input x"), map, rowLabels, colLabels, "softmax"));
        }
    }
}
