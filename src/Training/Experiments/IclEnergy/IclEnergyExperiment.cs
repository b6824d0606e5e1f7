using System.Diagnostics;
using Trainer.Data.Patterns;
using Trainer.Data.Randomness;
using Trainer.Models.EnergyTransformer;
using Trainer.Training.Logging;
using Trainer.Training.Loop;
using Trainer.Training.Runs;
using Trainer.Training.Tasks;
using static Trainer.Torch.torch;

namespace Trainer.Training.Experiments.IclEnergy;

/// <summary>
/// <c>trainer experiment icl-energy</c>: in-context learning of energy functions (Schaeffer et al. 2024, "Bridging
/// Associative Memory and Probabilistic Modeling", ICL-EBM; digest 4.2). Trains the energy transformer on fresh 2-D
/// Gaussian mixtures by contrastive divergence (the <c>icl-energy</c> task, in the sub-run <c>train</c>), then, on
/// held-out mixtures, measures the landscape E(q | x_1..x_n) after n = 0, a few and T - 1 context points (the most a query reads in training), before and
/// after training: the energy at the true centres against far and uniform points, the centres' percentile among
/// uniform points, and the distance from each seen centre to the nearest of the K deepest grid minima (with the same
/// distance to K uniform points as the chance level). TensorBoard (in the run folder): scalars
/// <c>landscape/&lt;stat&gt;</c> and <c>landscape_init/&lt;stat&gt;</c> with step = n, and images
/// <c>landscape/context_&lt;i&gt;</c> with step = n (the slider shows the minima moving to the clusters). It also draws Langevin samples from E(. | x_1..x_n) with the
/// model's own sampler and measures how close they land to the seen centres, against uniform points.
/// </summary>
public sealed class IclEnergyExperiment : IExperiment
{
    public string Name => "icl-energy";

    public string Description => "In-context energy transformer on 2-D Gaussian mixtures: learned landscapes move to the in-context clusters (Schaeffer et al. 2024)";

    public Type ConfigType => typeof(IclEnergyConfig);

    public object DefaultConfig(string scale) => scale == "large" ? Large : new IclEnergyConfig();

    /// <summary>The ICL-EBM-sized run: 35 points, 3 negatives per point, 4 layers of width 128, 20k steps of batch 64.</summary>
    public static IclEnergyConfig Large => new()
    {
        Data = new IclEnergyData { Points = 35, BatchSize = 64, ValidationSequences = 128 },
        Model = new EnergyTransformerConfig
        {
            NLayer = 4,
            NHead = 8,
            NEmbd = 128,
            BlockSize = 40,
            NegativesPerReal = 3,
            LangevinSteps = 15,
            NoiseScale = 0.3,
        },
        Train = new IclEnergyConfig().Train with { Steps = 20000, EvalEvery = 1000, CheckpointEvery = 2000, LogEvery = 50 },
        Landscape = new LandscapeSection { Contexts = 128, Plotted = 4, ContextSizes = [0, 1, 3, 6, 12, 34], GridSize = 96 },
        Threads = 0,
    };

    public ExperimentReport Execute(object config, ExperimentContext context)
    {
        var c = (IclEnergyConfig)config;
        if (c.Threads > 0)
        {
            set_num_threads(c.Threads);
        }

        var clock = Stopwatch.StartNew();
        IclEnergyRunConfig runConfig = c.Run();
        PreparedTask prepared = new IclEnergyTask().Prepare(runConfig);
        var model = (EnergyTransformerModel)prepared.Model;
        HeldOutMixtures heldOut = HeldOut(c);
        int[] sizes = ContextSizes(c);
        var probe = new LandscapeProbe(model, heldOut, c.Landscape.GridSize, c.Landscape.HalfWidth);

        model.eval();
        var initial = Measure(probe, sizes, c, out _);

        RunFolder trainRun = RunFolder.Create(context.Run.Path, "train");
        var session = new TrainingSession(trainRun, prepared.Model, prepared.Data, prepared.Train, runConfig);
        var curves = new TrainingCurve();
        curves.Attach(session.Loop);
        RunEndedEventArgs ended = session.Execute(new StageProgress(context.Progress, "train", 0, session.Loop.TotalSteps), context.Cancel);
        double trainSeconds = ended.Elapsed.TotalSeconds;

        model.eval();
        var trained = Measure(probe, sizes, c, out var landscapes);
        using (var tb = new SummaryWriter(context.Run.Path))
        {
            Log(tb, "landscape", trained);
            Log(tb, "landscape_init", initial);
            for (int p = 0; p < Math.Min(c.Landscape.Plotted, heldOut.Count); p++)
            {
                for (int s = 0; s < sizes.Length; s++)
                {
                    var (pixels, side) = LandscapeImages.Marked(landscapes[s][p], 4);
                    tb.add_image($"landscape/context_{p}", pixels, side, side, 3, sizes[s]);
                }
            }

            tb.flush();
        }

        context.Progress.Log($"icl-energy: trained {ended.Step} steps in {trainSeconds:F1} s, measured in {clock.Elapsed.TotalSeconds - trainSeconds:F1} s");
        var summary = new IclEnergySummary(ended.Step, ended.Reason, trainSeconds, clock.Elapsed.TotalSeconds, ended.Metrics, trainRun.Name);
        return IclEnergyReport.Build(c, sizes, initial, trained, landscapes, curves, summary);
    }

    /// <summary>
    /// The context sizes n measured, ascending and distinct, capped at T - 1 (T = data.points): training scores x_t after
    /// the t points before it, t = 0..T - 1, so a query after n = T points would sit at a position the model never saw
    /// in training (its position embedding is still the initial noise).
    /// </summary>
    public static int[] ContextSizes(IclEnergyConfig c) =>
        c.Landscape.ContextSizes.Select(n => Math.Min(n, c.Data.Points - 1)).Distinct().Order().ToArray();

    /// <summary>The held-out mixtures the landscapes are measured on (their own seed stream, not the training one).</summary>
    public static HeldOutMixtures HeldOut(IclEnergyConfig c)
    {
        GaussianMixtureIclConfig mixture = c.Data.Mixture() with { Sequences = c.Landscape.Contexts };
        var (points, labels, means) = InContextDatasets.GaussianMixture(mixture, Rng.DeriveSeed((ulong)c.Seed, "landscape-contexts"));
        return new HeldOutMixtures(mixture.Sequences, mixture.Points, mixture.Components, points, labels, means);
    }

    private static List<LandscapeRow> Measure(LandscapeProbe probe, int[] sizes, IclEnergyConfig c, out List<IReadOnlyList<Landscape>> landscapes)
    {
        var rows = new List<LandscapeRow>();
        landscapes = new List<IReadOnlyList<Landscape>>();
        ulong seed = Rng.DeriveSeed((ulong)c.Seed, "landscape-probes");
        var sampler = new SamplerSettings(c.Landscape.SampleChains, c.Landscape.SampleSteps > 0 ? c.Landscape.SampleSteps : c.Model.LangevinSteps,
            c.Model.NoiseScale, c.Model.GradClip);
        int chains = sampler.Chains;
        foreach (int n in sizes)
        {
            float[] samples = probe.Sample(n, sampler, seed);
            var all = probe.Landscapes(n).Select((l, i) => l with
            {
                Samples = Enumerable.Range(0, chains).Select(j => ((double)samples[(((i * chains) + j) * 2)], (double)samples[(((i * chains) + j) * 2) + 1])).ToList(),
            }).ToList();
            landscapes.Add(all);
            rows.Add(probe.Row(n, all, c.Landscape.RandomPoints, c.Landscape.FarDistance, c.Landscape.NearDistance, samples, seed));
        }

        return rows;
    }

    private static void Log(SummaryWriter tb, string prefix, IEnumerable<LandscapeRow> rows)
    {
        foreach (LandscapeRow r in rows)
        {
            tb.add_scalar($"{prefix}/energy_seen_centres", r.EnergySeenCentres, r.ContextSize);
            tb.add_scalar($"{prefix}/energy_far", r.EnergyFar, r.ContextSize);
            tb.add_scalar($"{prefix}/energy_random", r.EnergyRandom, r.ContextSize);
            tb.add_scalar($"{prefix}/centre_percentile", r.CentrePercentile, r.ContextSize);
            tb.add_scalar($"{prefix}/nearest_minimum", r.NearestMinimum, r.ContextSize);
            tb.add_scalar($"{prefix}/chance_distance", r.ChanceDistance, r.ContextSize);
            tb.add_scalar($"{prefix}/sample_distance", r.SampleDistance, r.ContextSize);
            tb.add_scalar($"{prefix}/samples_near", r.SamplesNear, r.ContextSize);
        }
    }
}

/// <summary>How the training went: steps, why it ended, times, the last validation metrics, the sub-run's folder name.</summary>
public sealed record IclEnergySummary(long Steps, string EndReason, double TrainSeconds, double TotalSeconds,
    IReadOnlyDictionary<string, double> FinalMetrics, string TrainRunName);
