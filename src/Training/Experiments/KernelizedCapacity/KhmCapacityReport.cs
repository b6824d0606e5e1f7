using Trainer.Models.Hopfield.Retrieval;
using Trainer.Models.Kernelized;
using Trainer.Training.Experiments.DenseCapacity;
using Trainer.Training.Reports;

namespace Trainer.Training.Experiments.KernelizedCapacity;

/// <summary>The report of <see cref="KhmCapacityExperiment"/>.</summary>
public static class KhmCapacityReport
{
    /// <summary>Best and mean min angle (degrees) after U-Hop+ for one (M, method), and the mean before.</summary>
    public sealed record TammesRow(int M, string Method, double Tammes, double MeanBefore, double Best, double Mean)
    {
        public double Gap => Best - Tammes;
    }

    /// <summary>Capacity at one feature dimension: measured before/after U-Hop+ and the spherical-code band.</summary>
    public sealed record CapacityRow(int FeatureDim, double Before, double After, long CodeLower, long CodeUpper);

    public static List<TammesRow> TammesRows(IReadOnlyList<TammesRun> runs) =>
        runs.GroupBy(r => (r.M, r.Method)).OrderBy(g => g.Key.M).Select(g => new TammesRow(g.Key.M, g.Key.Method,
            SphericalCodes.TammesAnglesDegreesS2[g.Key.M], g.Average(r => r.AngleBefore), g.Max(r => r.AngleAfter), g.Average(r => r.AngleAfter))).ToList();

    public static List<CapacityRow> CapacityRows(IReadOnlyList<FeatureDimPoint> points, FeatureDimSweepConfig c) =>
        points.GroupBy(p => p.FeatureDim).OrderBy(g => g.Key).Select(g =>
        {
            var byM = g.GroupBy(p => p.M).OrderBy(x => x.Key).ToList();
            double Cap(Func<FeatureDimPoint, double> rate)
            {
                var curve = byM.Select(x => (Math.Log(x.Key), x.Average(rate))).ToList();
                double v = DamMeasure.Crossing(curve, c.SuccessLevel, out CrossingSide side);
                return side switch
                {
                    CrossingSide.Inside => Math.Exp(v),
                    CrossingSide.AboveRange => double.PositiveInfinity,
                    _ => 0,
                };
            }

            return new CapacityRow(g.Key, Cap(p => p.RateBefore), Cap(p => p.RateAfter), FeatureDimSweep.CodeCapacity(g.Key, c.Beta, upper: false),
                FeatureDimSweep.CodeCapacity(g.Key, c.Beta, upper: true));
        }).ToList();

    public static ExperimentReport Build(KhmCapacityConfig config, IReadOnlyList<TammesRun> tammes, IReadOnlyList<MetastablePoint> metastable,
        IReadOnlyList<FeatureDimPoint> featureDim, double seconds)
    {
        var report = new ExperimentReport("Optimal capacity of kernelized Hopfield models (U-Hop+)");
        report.Paragraph("Claim (Hu, Wu and Liu, NeurIPS 2024): a kernelized Hopfield model K(u, v) = <Phi(u), Phi(v)> reaches its optimal " +
            "capacity when the memories form an optimal spherical code in feature space (max-min angle, the Tammes problem on S^2); U-Hop+ " +
            "trains Phi on a separation loss whose tau -> 0 minimiser is that code, which widens Delta_min = 1 - cos theta_min, shrinks " +
            "metastable states, and gives a capacity exponential in the feature dimension D_Phi.");
        if (tammes.Count > 0)
        {
            Tammes(report, config.Tammes, TammesRows(tammes));
        }

        if (metastable.Count > 0)
        {
            Metastable(report, config.Metastable, metastable);
        }

        if (featureDim.Count > 0)
        {
            FeatureDim(report, config.FeatureDim, featureDim, CapacityRows(featureDim, config.FeatureDim));
        }

        report.Paragraph($"Run time {seconds:F1} s.");
        return report;
    }

    private static void Tammes(ExperimentReport report, TammesSweepConfig c, IReadOnlyList<TammesRow> rows)
    {
        report.Heading("U-Hop+ on points of S^2 against the Tammes angles");
        report.Paragraph($"Method: M random unit memories in R^3 ({c.Restarts} point sets each), Phi: R^3 -> R^3 ({string.Join(", ", c.Kinds.Select(k => k.ToString().ToLowerInvariant()))}), " +
            $"U-Hop+ with Adam ({c.Separation.Steps} steps, lr {c.Separation.LearningRate}, tau {c.Separation.Tau}); 'free' moves the points " +
            "themselves under the same loss. The smallest pairwise angle of the unit features is compared with the optimal (Tammes) angle " +
            "from the literature; Delta_min = 1 - cos(angle) with the spherical-code bounds lower(M, 3) = 2/(3M), upper(M, 3) = 4/sqrt(M).");
        string[] methods = rows.Select(r => r.Method).Distinct().ToArray();
        var header = new List<string> { "M", "Tammes angle", "random (mean)" };
        foreach (string m in methods)
        {
            header.AddRange([$"{m} best", $"{m} mean", $"{m} best - Tammes"]);
        }

        header.AddRange(["Delta_min Tammes", "lower bound", "upper bound"]);
        report.Table("smallest pairwise angle (degrees) after U-Hop+", header, rows.GroupBy(r => r.M).Select(g =>
        {
            var cells = new List<object?> { g.Key, g.First().Tammes, g.First().MeanBefore };
            foreach (string m in methods)
            {
                TammesRow? r = g.FirstOrDefault(x => x.Method == m);
                cells.AddRange([r?.Best, r?.Mean, r?.Gap]);
            }

            cells.AddRange([SphericalCodes.OptimalDeltaMinS2(g.Key), SphericalCodes.LowerBound(g.Key, 3), SphericalCodes.UpperBound(g.Key, 3)]);
            return (IReadOnlyList<object?>)cells;
        }));
        var series = new List<LineSeries> { new("Tammes optimum", Palette.Neutral, rows.GroupBy(r => r.M).Select(g => ((double)g.Key, g.First().Tammes)).ToList()) };
        for (int i = 0; i < methods.Length; i++)
        {
            series.Add(new LineSeries($"{methods[i]} (best)", Palette.Category(i), rows.Where(r => r.Method == methods[i]).Select(r => ((double)r.M, r.Best)).ToList(),
                Markers: true));
        }

        series.Add(new LineSeries("random points (mean)", Palette.Category(methods.Length), rows.GroupBy(r => r.M).Select(g => ((double)g.Key, g.First().MeanBefore)).ToList(),
            Dashed: true));
        report.Figure("Smallest pairwise angle of the unit features after U-Hop+ against the Tammes optimum",
            SvgLineChart.Render(new PlotLabels("khm-tammes", "U-Hop+ vs Tammes on S^2", "memories M", "min pairwise angle (degrees)"), series, yFromZero: true));
        var deltas = new List<LineSeries>
        {
            new("Tammes Delta_min", Palette.Neutral, rows.GroupBy(r => r.M).Select(g => ((double)g.Key, SphericalCodes.OptimalDeltaMinS2(g.Key))).ToList()),
            new("upper bound", Palette.Neutral, rows.GroupBy(r => r.M).Select(g => ((double)g.Key, SphericalCodes.UpperBound(g.Key, 3))).ToList(), Dashed: true),
            new("lower bound", Palette.Category(7), rows.GroupBy(r => r.M).Select(g => ((double)g.Key, SphericalCodes.LowerBound(g.Key, 3))).ToList(), Dashed: true),
        };
        for (int i = 0; i < methods.Length; i++)
        {
            deltas.Add(new LineSeries($"{methods[i]} (best)", Palette.Category(i),
                rows.Where(r => r.Method == methods[i]).Select(r => ((double)r.M, 1 - Math.Cos(r.Best * Math.PI / 180))).ToList(), Markers: true));
        }

        report.Figure("Delta_min after U-Hop+ between the spherical-code bounds (log scale)",
            SvgLineChart.Render(new PlotLabels("khm-delta-bounds", "Delta_min vs spherical-code bounds, d = 3", "memories M", "Delta_min (log scale)"),
                deltas, logY: true));
    }

    private static void Metastable(ExperimentReport report, MetastableSweepConfig c, IReadOnlyList<MetastablePoint> points)
    {
        report.Heading("Metastable states before and after U-Hop+");
        report.Paragraph($"Method (the authors' synthetic setting): {c.Seeds} sets of M = {c.Memories} random unit memories in R^{c.InputDim}, " +
            $"{c.Queries} random unit queries each, D_Phi = {c.FeatureDim}, U-Hop+ with Adam ({c.Separation.Steps} steps, lr {c.Separation.LearningRate}, " +
            $"tau {c.Separation.Tau}), {c.RetrievalSteps} CCCP updates. Metastable size = memories with final weight > 0 (sparse maps) or " +
            $"> {c.SoftmaxThreshold} (softmax); 1 means the query converged to a single memory. MHM: no feature map (identity kernel). 'unit' " +
            "features are normalised before the kernel (the paper's setting); 'raw' use Phi(x) as the authors' retrieval code does, where " +
            "U-Hop+ also grows the feature norms, which sharpens the normaliser by itself.");
        var rows = points.Where(p => p.Model != "MHM").GroupBy(p => (p.UnitFeatures, p.Beta, p.Normalizer)).Select(g =>
        {
            var (unit, beta, norm) = g.Key;
            double mhm = points.Where(p => p.Model == "MHM" && p.Beta == beta && p.Normalizer == norm).Average(p => p.MeanSize);
            double init = g.Where(p => p.Model == "KHM init").Average(p => p.MeanSize);
            double after = g.Where(p => p.Model == "U-Hop+").Average(p => p.MeanSize);
            double d0 = g.Where(p => p.Model == "KHM init").Average(p => p.DeltaMin);
            double d1 = g.Where(p => p.Model == "U-Hop+").Average(p => p.DeltaMin);
            return (IReadOnlyList<object?>)[unit ? "unit" : "raw", beta, Name(norm), mhm, init, after, after / init, d0, d1];
        });
        report.Table($"mean metastable-state size (memories per query, mean over {c.Seeds} memory sets)",
            ["features", "beta", "normaliser", "MHM", "KHM init", "U-Hop+", "U-Hop+ / init", "Delta_min init", "Delta_min U-Hop+"], rows);
    }

    private static void FeatureDim(ExperimentReport report, FeatureDimSweepConfig c, IReadOnlyList<FeatureDimPoint> points, IReadOnlyList<CapacityRow> caps)
    {
        report.Heading("Capacity against the feature dimension");
        report.Paragraph($"Method: M random unit memories in R^{c.InputDim} (M in [{string.Join(", ", c.Counts)}], {c.Seeds} seed(s)), linear Phi: " +
            $"R^{c.InputDim} -> R^D_Phi, U-Hop+ ({c.Separation.Steps} Adam steps, lr {c.Separation.LearningRate}, tau {c.Separation.Tau}); memory mu is " +
            $"retrieved when its own weight in softmax(beta Z Z^T), beta = {c.Beta}, exceeds 1/2. Capacity = the M (interpolated in log M) where " +
            $"the retrieved fraction falls below {c.SuccessLevel}. Theory band: an optimal code retrieves every memory if beta Delta_min > ln(M - 1); " +
            "with lower(M, D) <= Delta_min(optimal) <= upper(M, D) this gives the guaranteed M (lower) and the largest M the criterion can " +
            "certify (upper); both grow exponentially in D_Phi. The criterion is sufficient, not necessary, so a measurement can exceed it.");
        report.Table("capacity (memories) against D_Phi; inf: retrieval never fell below the level in the swept range",
            ["D_Phi", "random Phi (before)", "U-Hop+ (after)", "after / before", "optimal code, lower bound", "optimal code, upper bound"],
            caps.Select(r => (IReadOnlyList<object?>)[r.FeatureDim, r.Before, r.After, r.After / r.Before, r.CodeLower, r.CodeUpper]));
        var series = new List<LineSeries>
        {
            new("U-Hop+", Palette.Category(0), caps.Select(r => ((double)r.FeatureDim, r.After)).ToList(), Markers: true),
            new("random Phi", Palette.Category(1), caps.Select(r => ((double)r.FeatureDim, r.Before)).ToList(), Markers: true),
            new("code bound (lower)", Palette.Neutral, caps.Select(r => ((double)r.FeatureDim, (double)r.CodeLower)).ToList(), Dashed: true),
            new("code bound (upper)", Palette.Category(7), caps.Select(r => ((double)r.FeatureDim, (double)r.CodeUpper)).ToList(), Dashed: true),
        };
        report.Figure("Capacity against feature dimension (log scale): U-Hop+ and a random feature map beside the spherical-code band",
            SvgLineChart.Render(new PlotLabels("khm-capacity-vs-dim", "Capacity vs feature dimension", "feature dimension D_Phi", "capacity M (log scale)"),
                series, logY: true));
        var curves = new List<LineSeries>();
        int i = 0;
        foreach (var g in points.GroupBy(p => p.FeatureDim).OrderBy(g => g.Key))
        {
            var byM = g.GroupBy(p => p.M).OrderBy(x => x.Key).ToList();
            curves.Add(new LineSeries($"D={g.Key} U-Hop+", Palette.Category(i), byM.Select(x => (Math.Log2(x.Key), x.Average(p => p.RateAfter))).ToList(), Markers: true));
            curves.Add(new LineSeries($"D={g.Key} random", Palette.Category(i), byM.Select(x => (Math.Log2(x.Key), x.Average(p => p.RateBefore))).ToList(), Dashed: true));
            i++;
        }

        report.Figure("Fraction of memories retrieved against log2 M, after U-Hop+ (solid) and with the random initial Phi (dashed)",
            SvgLineChart.Render(new PlotLabels("khm-retrieved-vs-m", "Retrieved fraction vs memories", "log2 M", "fraction retrieved"), curves,
                references: [new ReferenceLine($"level {c.SuccessLevel}", c.SuccessLevel, Vertical: false)], yFromZero: true));
        report.Table("all feature-dimension points", ["D_Phi", "M", "seed", "retrieved before", "retrieved after", "Delta_min before", "Delta_min after",
            "lower(M, D)", "upper(M, D)", "ln(M-1)/beta"], points.Select(p => (IReadOnlyList<object?>)[p.FeatureDim, p.M, p.Seed, p.RateBefore, p.RateAfter,
                p.DeltaBefore, p.DeltaAfter, SphericalCodes.LowerBound(p.M, p.FeatureDim), SphericalCodes.UpperBound(p.M, p.FeatureDim), Math.Log(p.M - 1) / c.Beta]));
    }

    private static string Name(NormalizerKind k) => k switch
    {
        NormalizerKind.Softmax => "softmax",
        NormalizerKind.Entmax15 => "1.5-entmax",
        _ => "sparsemax",
    };
}
