using System.Diagnostics;
using Trainer.Models.Kernelized;
using Trainer.Training.Logging;
using Trainer.Training.Progress;
using static Trainer.Torch.torch;

namespace Trainer.Training.Experiments.KernelizedCapacity;

/// <summary>
/// <c>trainer experiment khm-capacity</c> ("Provably Optimal Memory Capacity for Modern Hopfield Models", Hu, Wu and
/// Liu, NeurIPS 2024; paper digest 5): (1) U-Hop+ on M points in R^3 against the Tammes angles and the spherical-code
/// bounds; (2) metastable-state sizes with softmax, 1.5-entmax and sparsemax before and after U-Hop+; (3) capacity
/// against the feature dimension with the spherical-code band. TensorBoard scalars: <c>tammes/...</c> (separation
/// losses, min angles), <c>metastable/&lt;model&gt;/&lt;features&gt;/beta_&lt;b&gt;/&lt;normaliser&gt;</c> (step = memory set) and
/// <c>feature_dim/D&lt;D&gt;/retrieved_{before,after}</c> (step = M).
/// </summary>
public sealed class KhmCapacityExperiment : IExperiment
{
    public string Name => "khm-capacity";

    public string Description => "Kernelized Hopfield capacity: U-Hop+ vs Tammes angles and spherical-code bounds, metastable states, capacity vs D_Phi (Hu et al.)";

    public Type ConfigType => typeof(KhmCapacityConfig);

    public object DefaultConfig(string scale) => scale == "large" ? Large : new KhmCapacityConfig();

    /// <summary>More restarts, seeds, steps and a wider feature-dimension grid.</summary>
    public static KhmCapacityConfig Large => new()
    {
        Tammes = new TammesSweepConfig
        {
            Counts = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14], Restarts = 5,
            Separation = new SeparationSettings { Steps = 2000, LearningRate = 0.02, Tau = 0.02 },
        },
        Metastable = new MetastableSweepConfig { Seeds = 50, Queries = 1000, Betas = [0.5, 1, 2, 4, 8] },
        FeatureDim = new FeatureDimSweepConfig
        {
            InputDim = 256, FeatureDims = [2, 3, 4, 5, 6, 7, 8], Counts = [4, 6, 8, 11, 16, 23, 32, 45, 64, 91, 128, 181, 256, 362, 512, 724, 1024],
            Seeds = 3, Separation = new SeparationSettings { Steps = 1000, LearningRate = 0.05, Tau = 0.05 },
        },
        Threads = 0,
    };

    public ExperimentReport Execute(object config, ExperimentContext context)
    {
        var c = (KhmCapacityConfig)config;
        if (c.Threads > 0)
        {
            set_num_threads(c.Threads);
        }

        var clock = Stopwatch.StartNew();
        using var tb = new SummaryWriter(context.Run.Path);
        int total = (c.Tammes.Enabled ? c.Tammes.Counts.Length * c.Tammes.Restarts : 0) + (c.Metastable.Enabled ? c.Metastable.Seeds : 0)
            + (c.FeatureDim.Enabled ? c.FeatureDim.FeatureDims.Length * c.FeatureDim.Counts.Length : 0);
        int done = 0;
        void Tick() => context.Progress.Report(new ProgressUpdate(++done, total));
        ulong seed = (ulong)c.Seed;

        var tammes = c.Tammes.Enabled ? new TammesSweep(c.Tammes, seed, tb, Tick).Run(context.Cancel) : new List<TammesRun>();
        double tTammes = clock.Elapsed.TotalSeconds;
        var metastable = c.Metastable.Enabled ? new MetastableSweep(c.Metastable, seed, tb, Tick).Run(context.Cancel) : new List<MetastablePoint>();
        double tMetastable = clock.Elapsed.TotalSeconds - tTammes;
        var featureDim = c.FeatureDim.Enabled ? new FeatureDimSweep(c.FeatureDim, seed, tb, Tick).Run(context.Cancel) : new List<FeatureDimPoint>();
        double tFeature = clock.Elapsed.TotalSeconds - tTammes - tMetastable;
        foreach (var r in KhmCapacityReport.CapacityRows(featureDim, c.FeatureDim))
        {
            tb.add_scalar("feature_dim/capacity_after", r.After, r.FeatureDim);
            tb.add_scalar("feature_dim/capacity_before", r.Before, r.FeatureDim);
        }

        foreach (var r in KhmCapacityReport.TammesRows(tammes))
        {
            tb.add_scalar($"tammes/{r.Method}/best_minus_tammes_deg", r.Gap, r.M);
        }

        tb.flush();
        context.Progress.Log($"khm-capacity: {tammes.Count} Tammes runs, {metastable.Count} metastable points, {featureDim.Count} capacity points " +
            $"in {clock.Elapsed.TotalSeconds:F1} s");
        return KhmCapacityReport.Build(c, tammes, metastable, featureDim, clock.Elapsed.TotalSeconds)
            .Paragraph($"Wall time per part: Tammes {tTammes:F1} s, metastable {tMetastable:F1} s, feature dimension {tFeature:F1} s.");
    }

    /// <summary>Optimal Tammes angle for M points on S^2 (table of <see cref="SphericalCodes"/>).</summary>
    public static double TammesAngle(int m) => SphericalCodes.TammesAnglesDegreesS2[m];
}
