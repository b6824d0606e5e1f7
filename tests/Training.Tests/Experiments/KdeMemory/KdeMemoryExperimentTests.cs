using Trainer.Training.Experiments.KdeMemory;
using Trainer.Training.Tests.Runs;
using static Trainer.Training.Tests.Experiments.DenseCapacity.ExperimentHarness;

namespace Trainer.Training.Tests.Experiments.KdeMemory;

public sealed class KdeMemoryExperimentTests
{
    private static KdeMemoryConfig Tiny => new()
    {
        Capacity = new KdeCapacityConfig
        {
            Dims = [8], Betas = [1], AlphaMin = 0.15, AlphaMax = 1.05, AlphaStep = 0.15, MaxPatterns = 4096, Queries = 16, MaxSteps = 20,
        },
        Clustering = new AttentionClusteringConfig { Dim = 16, Clusters = 4, Points = 60, Kappa = 300, Betas = [0.3, 30], Steps = 60, Seeds = 1 },
    };

    [Fact]
    public void Tiny_run_writes_its_report_and_patterns_are_stored_below_the_spherical_threshold_only()
    {
        using var tmp = new TempFolder();
        var (report, path) = Run(new KdeMemoryExperiment(), Tiny, tmp);
        AssertReportFiles(path);

        // beta = 1: alpha_1^S = 0.6226 (N_max = e^(8 * 0.62) = 145 at d = 8). Being stored (fixed point within 0.1 sqrt(d))
        // needs a start weight near 0.9, which at d = 8 moves the 50% point well below alpha_1 (ln 9 / d in the margin).
        foreach (var r in Table(report, "all capacity points"))
        {
            double alpha = Num(r["alpha"]), stored = Num(r["stored"]);
            if (alpha < 0.2)
            {
                Assert.True(stored >= 0.9, $"alpha {alpha}: stored {stored}, expected ~1 below the threshold");
            }
            else if (alpha > 0.85)
            {
                Assert.True(stored <= 0.1, $"alpha {alpha}: stored {stored}, expected ~0 above the threshold");
            }
        }

        var t = Table(report, "load alpha = ln(K)/d").Single();
        double measured = Num(t["measured stored"]), estimate = Num(t["finite-d estimate (weight > 0.9)"]);
        Assert.InRange(measured, estimate - 0.15, estimate + 0.15);
        Assert.True(measured < Num(t["alpha_1^S"]));

        // On the sphere the Gaussian-kernel weights are the dense memory's softmax(beta x . xi), up to float rounding.
        Assert.InRange(Num(Table(report, "identity check").Single()["max |w_KDE - w_LSE|"]), 0, 1e-4);
    }

    [Fact]
    public void Attention_merges_everything_at_small_beta_and_finds_the_true_clusters_at_moderate_beta()
    {
        using var tmp = new TempFolder();
        var (report, _) = Run(new KdeMemoryExperiment(), Tiny with { Capacity = new KdeCapacityConfig { Enabled = false } }, tmp);
        var rows = Table(report, "clusters left against beta").Where(r => r["keys"].StartsWith("moving", StringComparison.Ordinal)).ToList();
        Assert.Equal(1, Num(rows.Single(r => Num(r["beta"]) == 0.3)["mean clusters"]));
        var sharp = rows.Single(r => Num(r["beta"]) == 30);
        Assert.Equal(4, Num(sharp["mean clusters"]));
        Assert.True(Num(sharp["mean ARI vs truth"]) > 0.95);
    }

    [Fact]
    public void Least_squares_slope_recovers_a_noiseless_line()
    {
        Assert.Equal(0.62, KdeMemoryReport.Slope([(6, 1.0 + (0.62 * 6)), (8, 1.0 + (0.62 * 8)), (12, 1.0 + (0.62 * 12))]), 12);
        Assert.True(double.IsNaN(KdeMemoryReport.Slope([(6, 1.0)])));
    }

    [Fact]
    public void Small_and_large_configs_and_the_config_files_bind() =>
        AssertConfigsBind(new KdeMemoryExperiment(), "configs/experiments/kde-memory.json", "configs/experiments/kde-memory-large.json");
}
