using System.Diagnostics;
using Trainer.Training.Logging;
using static Trainer.Torch.torch;

namespace Trainer.Training.Experiments.DenseCapacity;

/// <summary>
/// <c>trainer experiment dam-capacity</c>: the exponential capacity of dense associative memories (Lucibello and
/// Mezard, PRL 2024; paper digest 2). Sweeps P = e^(alpha N) Gaussian and spherical patterns, measures retrieval
/// against alpha for several lambda (one-step and iterated), the one-step basins from noisy starts, and prints the
/// Random-Energy-Model thresholds alpha_1(lambda) and a finite-N estimate beside every measurement; the phase
/// diagram (alpha against lambda) shows the theory curves with the measured 50% points. TensorBoard scalars:
/// <c>capacity/&lt;ensemble&gt;/N&lt;N&gt;/lambda_&lt;lambda&gt;/one_step</c> with step = round(1000 alpha), and the same for
/// <c>iterated</c> and <c>basins/...</c> (step = index of rho0) and <c>alpha50/...</c> (step = round(100 lambda)).
/// </summary>
public sealed class DamCapacityExperiment : IExperiment
{
    public string Name => "dam-capacity";

    public string Description => "Dense associative memory capacity: retrieval vs alpha = ln(P)/N and lambda beside alpha_1 (Lucibello & Mezard)";

    public Type ConfigType => typeof(DamCapacityConfig);

    public object DefaultConfig(string scale) => scale == "large" ? Large : new DamCapacityConfig();

    /// <summary>The paper-sized sweep for a bigger machine: N up to 24, tens of millions of patterns.</summary>
    public static DamCapacityConfig Large => new()
    {
        Dims = [12, 16, 20, 24],
        Lambdas = [0.25, 0.5, 1, 2, 4],
        PhaseLambdas = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4],
        AlphaMin = 0.05,
        AlphaMax = 1.3,
        AlphaStep = 0.025,
        MaxPatterns = 1L << 25,
        Queries = 512,
        IteratedQueries = 128,
        IteratedMaxPatterns = 1L << 22,
        MaxSteps = 50,
        Basins = new DamBasinConfig { Dim = 20, Alphas = [0.1, 0.2, 0.3, 0.4], Lambdas = [0.5, 1, 4], OverlapSteps = 50, Queries = 1024 },
        Threads = 0,
    };

    public ExperimentReport Execute(object config, ExperimentContext context)
    {
        var c = (DamCapacityConfig)config;
        if (c.Threads > 0)
        {
            set_num_threads(c.Threads);
        }

        var clock = Stopwatch.StartNew();
        using var tb = new SummaryWriter(context.Run.Path);
        var sweep = new DamSweep(c, context, tb);
        var (capacity, basins) = sweep.Run();
        var thresholds = DamCapacityReport.Thresholds(capacity);
        foreach (var t in thresholds)
        {
            string tag = $"alpha50/{DamSweep.Name(t.Ensemble)}/N{t.N}";
            long step = (long)Math.Round(t.Lambda * 100);
            tb.add_scalar(tag + "/measured", t.Measured, step);
            tb.add_scalar(tag + "/alpha1", t.Alpha1, step);
            tb.add_scalar(tag + "/finite_n", t.FiniteN, step);
        }

        tb.flush();
        context.Progress.Log($"dam-capacity: {capacity.Count} capacity points, {basins.Count} basin points in {clock.Elapsed.TotalSeconds:F1} s");
        return DamCapacityReport.Build(c, capacity, basins, thresholds, clock.Elapsed.TotalSeconds, sweep.BasinDim);
    }
}
