using Trainer.Models.Hopfield.Retrieval;
using Trainer.Models.Kernelized;
using Trainer.Training.Experiments.KernelizedCapacity;
using Trainer.Training.Tests.Runs;
using static Trainer.Training.Tests.Experiments.DenseCapacity.ExperimentHarness;

namespace Trainer.Training.Tests.Experiments.KernelizedCapacity;

public sealed class KhmCapacityExperimentTests
{
    private static KhmCapacityConfig Tiny => new()
    {
        Tammes = new TammesSweepConfig
        {
            Counts = [4], Kinds = [FeatureMapKind.Linear], FreePoints = true, Restarts = 3,
            Separation = new SeparationSettings { Steps = 300, LearningRate = 0.05, Tau = 0.05 },
        },
        Metastable = new MetastableSweepConfig
        {
            Seeds = 2, Queries = 20, Betas = [4], Normalizers = [NormalizerKind.Entmax15], NormalizeFeatures = [true],
        },
        FeatureDim = new FeatureDimSweepConfig
        {
            InputDim = 16, FeatureDims = [2, 3], Counts = [4, 8, 16, 32], Separation = new SeparationSettings { Steps = 100, LearningRate = 0.05, Tau = 0.05 },
        },
    };

    [Fact]
    public void Tiny_run_writes_its_report_and_uhop_plus_finds_the_tetrahedron()
    {
        using var tmp = new TempFolder();
        var (report, path) = Run(new KhmCapacityExperiment(), Tiny, tmp);
        AssertReportFiles(path);

        // Four points of S^2: the optimal code is the regular tetrahedron, arccos(-1/3) = 109.47 degrees. An affine map of
        // R^3 can move four points in general position anywhere, so the linear Phi can reach it too (the best of a few
        // restarts: a linear map sometimes stalls near a degenerate configuration).
        double tetrahedron = Math.Acos(-1.0 / 3) * 180 / Math.PI;
        var row = Table(report, "smallest pairwise angle").Single();
        Assert.InRange(Num(row["Tammes angle"]), tetrahedron - 0.05, tetrahedron + 0.05);   // cells carry 4 significant digits
        Assert.InRange(Num(row["linear best"]), tetrahedron - 3, tetrahedron + 0.05);
        Assert.InRange(Num(row["free best"]), tetrahedron - 3, tetrahedron + 0.05);
        Assert.True(Num(row["random (mean)"]) < tetrahedron - 3);
    }

    [Fact]
    public void Uhop_plus_widens_separation_and_does_not_shrink_capacity()
    {
        using var tmp = new TempFolder();
        var (report, _) = Run(new KhmCapacityExperiment(), Tiny with { Tammes = new TammesSweepConfig { Enabled = false } }, tmp);
        var meta = Table(report, "mean metastable-state size").Single();
        Assert.True(Num(meta["Delta_min U-Hop+"]) > Num(meta["Delta_min init"]));
        Assert.InRange(Num(meta["U-Hop+"]), 1, 10);

        foreach (var r in Table(report, "capacity (memories) against D_Phi"))
        {
            Assert.True(Num(r["U-Hop+ (after)"]) >= Num(r["random Phi (before)"]), $"D = {r["D_Phi"]}");
        }
    }

    [Fact]
    public void Code_capacity_matches_a_brute_force_scan_of_the_closed_form_bounds_on_S2()
    {
        // d = 3: lower(M, 3) = 2 / (3M), upper(M, 3) = 4 / sqrt(M). Capacity = largest M with bound >= ln(M - 1) / beta.
        foreach (double beta in new[] { 5.0, 10.0, 40.0 })
        {
            long Scan(Func<long, double> bound)
            {
                long best = 1;
                for (long m = 2; m < 2_000_000; m++)
                {
                    if (bound(m) >= Math.Log(m - 1) / beta)
                    {
                        best = m;
                    }
                }

                return best;
            }

            Assert.Equal(Scan(m => 2.0 / (3 * m)), FeatureDimSweep.CodeCapacity(3, beta, upper: false));
            Assert.Equal(Scan(m => 4 / Math.Sqrt(m)), FeatureDimSweep.CodeCapacity(3, beta, upper: true));
        }
    }

    [Fact]
    public void Code_capacity_grows_by_a_steady_factor_per_feature_dimension()
    {
        // ln M_upper(D) grows about linearly in D (slowly bending, since the required Delta = ln(M - 1) / beta grows with M).
        double[] logs = Enumerable.Range(2, 8).Select(d => Math.Log(FeatureDimSweep.CodeCapacity(d, 10, upper: true))).ToArray();
        var steps = logs.Zip(logs.Skip(1), (a, b) => b - a).ToArray();
        Assert.All(steps, s => Assert.True(s > 0.3, $"increment {s}"));
    }

    [Fact]
    public void Small_and_large_configs_and_the_config_files_bind() =>
        AssertConfigsBind(new KhmCapacityExperiment(), "configs/experiments/khm-capacity.json", "configs/experiments/khm-capacity-large.json");
}
