using Trainer.Models.Hopfield.Theory;
using Trainer.Training.Experiments.DenseCapacity;
using Trainer.Training.Tests.Runs;
using static Trainer.Training.Tests.Experiments.DenseCapacity.ExperimentHarness;

namespace Trainer.Training.Tests.Experiments.DenseCapacity;

public sealed class DamCapacityExperimentTests
{
    private static DamCapacityConfig Tiny => new()
    {
        Ensembles = [PatternEnsemble.Spherical, PatternEnsemble.Gaussian],
        Dims = [10],
        Lambdas = [1],
        PhaseLambdas = [2],
        AlphaMin = 0.2,
        AlphaMax = 1.0,
        AlphaStep = 0.1,
        MaxPatterns = 1 << 14,
        Queries = 64,
        IteratedQueries = 8,
        IteratedMaxPatterns = 1 << 10,
        MaxSteps = 10,
        Basins = new DamBasinConfig { Alphas = [0.2], Lambdas = [4], OverlapSteps = 10, Queries = 64 },
    };

    [Fact]
    public void Tiny_run_writes_its_report_and_spherical_retrieval_switches_off_at_alpha_1()
    {
        using var tmp = new TempFolder();
        var (report, path) = Run(new DamCapacityExperiment(), Tiny, tmp);
        AssertReportFiles(path);

        // lambda = 1: alpha_1^S = 0.6226. Well below it every spherical pattern is retrieved, well above none is.
        var rows = Table(report, "success vs load").Where(r => r["ensemble"] == "spherical" && Num(r["lambda"]) == 1).ToList();
        Assert.NotEmpty(rows);
        foreach (var r in rows)
        {
            double alpha = Num(r["alpha"]), success = Num(r["one-step"]);
            if (alpha < 0.45)
            {
                Assert.True(success >= 0.95, $"alpha {alpha}: success {success}, expected ~1 below alpha_1");
            }
            else if (alpha > 0.8)
            {
                Assert.True(success <= 0.05, $"alpha {alpha}: success {success}, expected ~0 above alpha_1");
            }
        }
    }

    [Fact]
    public void Measured_half_points_sit_near_the_theory_and_basins_near_phi_over_lambda()
    {
        using var tmp = new TempFolder();
        var (report, _) = Run(new DamCapacityExperiment(), Tiny with { Ensembles = [PatternEnsemble.Spherical] }, tmp);
        var thresholds = Table(report, "alpha at 50% retrieval");
        foreach (var t in thresholds)
        {
            double measured = Num(t["measured (one-step)"]), alpha1 = Num(t["alpha_1 (N -> inf)"]);
            Assert.InRange(measured, alpha1 - 0.1, alpha1 + 0.1);
        }

        // Spherical, alpha = 0.2 (P = 7 at N = 10), lambda = 4: phi / lambda = q_M(0.2) = sqrt(1 - e^-0.4) = 0.574 (frozen REM).
        var basin = Table(report, "start overlap at which half").Single();
        double edge = Num(basin["phi/lambda (N -> inf)"]);
        Assert.InRange(edge - Math.Sqrt(-double.ExpM1(-2 * Num(basin["alpha"]))), -1e-3, 1e-3);        // 4 significant digits
        Assert.InRange(Num(basin["measured"]), edge - 0.2, edge + 0.2);
    }

    [Fact]
    public void Small_and_large_configs_and_the_config_files_bind() =>
        AssertConfigsBind(new DamCapacityExperiment(), "configs/experiments/dam-capacity.json", "configs/experiments/dam-capacity-large.json");

    [Fact]
    public void Pattern_grid_keeps_distinct_counts_within_the_cap()
    {
        var c = new DamCapacityConfig { AlphaMin = 0.05, AlphaMax = 2, AlphaStep = 0.05, MaxPatterns = 1000 };
        var counts = DamSweep.PatternCounts(c, 10);
        Assert.Equal(counts.Distinct().Count(), counts.Count);
        Assert.All(counts, p => Assert.InRange(p, 2, 1000));
        Assert.Equal((long)Math.Round(Math.Exp(0.05 * 10)), counts[0]);
    }

    [Fact]
    public void Crossing_interpolates_the_first_downward_pass_and_reports_out_of_range()
    {
        double x = DamMeasure.Crossing([(0.0, 1.0), (1.0, 0.8), (2.0, 0.2), (3.0, 0.6)], 0.5, out CrossingSide side);
        Assert.Equal(CrossingSide.Inside, side);
        Assert.Equal(1.5, x, 12);
        Assert.True(double.IsNaN(DamMeasure.Crossing([(0.0, 0.4), (1.0, 0.1)], 0.5, out side)));
        Assert.Equal(CrossingSide.BelowRange, side);
        Assert.True(double.IsNaN(DamMeasure.Crossing([(0.0, 1.0), (1.0, 0.9)], 0.5, out side)));
        Assert.Equal(CrossingSide.AboveRange, side);
    }
}
