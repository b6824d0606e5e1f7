using System.Diagnostics;
using Trainer.Data.Tasks;
using Trainer.Models.Gpt;
using Trainer.Training.Logging;
using Trainer.Training.Loop;
using Trainer.Training.Runs;
using Trainer.Training.Tasks;
using static Trainer.Torch.torch;

namespace Trainer.Training.Experiments.PathStar;

/// <summary>
/// <c>trainer experiment path-star</c>: the in-weights path-star task of "Deep sequence models tend to memorize
/// geometrically" (Noroozizadeh et al. 2025, digest 3.2, issue 7 item 3(b)). One fixed path-star graph (a root with
/// <c>degree</c> arms of <c>path_length</c> nodes, random ids) is memorised in a GPT's weights from edge examples
/// <c>[EDGE] u -&gt; v</c> and the paths of 75% of the leaves <c>[PATH] leaf [PAUSE] -&gt; root n1 ... leaf</c>; the
/// held-out 25% of the leaves test whether the model finds paths it never saw. The hardest token is n1 (the arm at
/// the root): associatively an (l - 1)-fold composition leaf -&gt; parent -&gt; ... -&gt; n1, but a single lookup when
/// the leaf's embedding lies near its own arm, which is the paper's explanation (geometric memory). Trains the GPT
/// with learned embeddings and, as the associative control, the same GPT with its token embeddings frozen at a random
/// N(0, 1) draw (sub-runs named after the variants), then decodes held-out and training paths greedily and probes the
/// embeddings. TensorBoard (in the run folder): <c>path_star/&lt;variant&gt;/...</c>; each sub-run has its own curves.
/// </summary>
public sealed class PathStarExperiment : IExperiment
{
    public string Name => "path-star";

    public string Description => "In-weights path-star: a GPT memorises one graph and generates paths to held-out leaves; frozen-embedding control (Noroozizadeh et al.)";

    public Type ConfigType => typeof(PathStarExperimentConfig);

    public object DefaultConfig(string scale) => scale == "large" ? Large : new PathStarExperimentConfig();

    /// <summary>
    /// The paper's setting (digest 3.2): 10^4 arms, paths of 6 nodes (50001 nodes), 12-layer GPT of width 384 with 8
    /// heads, mixed full-path recipe, AdamW (wd 0.01), lr 5e-4 with warmup 1000 and cosine decay to lr/10, batch 2048.
    /// </summary>
    public static PathStarExperimentConfig Large => new()
    {
        Data = new PathStarData
        {
            Task = new PathStarTaskConfig { Degree = 10_000, PathLength = 6 },
            BatchSize = 2048,
            EdgeSteps = 20_000,
        },
        Model = new ModelChoice { Kind = "gpt", Gpt = new() { NLayer = 12, NHead = 8, NEmbd = 384, BlockSize = 16 } },
        Train = new PathStarExperimentConfig().Train with
        {
            Steps = 200_000,
            Lr = 5e-4,
            WarmupSteps = 1000,
            EvalEvery = 5000,
            CheckpointEvery = 10_000,
            LogEvery = 100,
        },
        TrainPathsDecoded = 10_000,
    };

    public ExperimentReport Execute(object config, ExperimentContext context)
    {
        var c = (PathStarExperimentConfig)config;
        if (c.Threads > 0)
        {
            set_num_threads(c.Threads);
        }

        var clock = Stopwatch.StartNew();
        using var tb = new SummaryWriter(context.Run.Path);
        List<PathStarVariantResult> results = StagedVariants.Run(c.Variants, c.Train.Steps, context,
            (variant, stage) => RunVariant(c, variant, context, stage),
            (variant, r) =>
            {
                Log(tb, r);
                context.Progress.Log(FormattableString.Invariant(
                    $"[{variant}] held-out paths {r.Scores.HeldOut?.SequenceAccuracy:0.###}, hardest token {r.Scores.HeldOutHardest:0.###}, train paths {r.Scores.Train?.SequenceAccuracy:0.###}, edges top-5 {r.Scores.Probes.EdgeRecovery?.TopKRecovery:0.###}"));
            });
        tb.flush();
        PathStarTask task = PathStarTask.Build(c.Data.Task, (ulong)c.Seed);
        return PathStarReport.Build(c, task, results, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Trains one variant in its own sub-run, then decodes the paths and probes the embeddings.</summary>
    public static PathStarVariantResult RunVariant(PathStarExperimentConfig c, string variant, ExperimentContext context, Progress.IProgressSink progress)
    {
        PathStarRunConfig runConfig = c.Run(variant);
        PreparedTask prepared = new PathStarTrainingTask().Prepare(runConfig);
        var model = (GptModel)prepared.Model;
        if (variant == PathStarExperimentConfig.Frozen)
        {
            model.transformer.wte.weight.requires_grad = false; // tied: the output head stays frozen too
        }

        try
        {
            RunFolder run = RunFolder.Create(context.Run.Path, variant);
            var session = new TrainingSession(run, prepared.Model, prepared.Data, prepared.Train, runConfig);
            var curve = new TrainingCurve();
            curve.Attach(session.Loop);
            RunEndedEventArgs ended = session.Execute(progress, context.Cancel);
            PathStarTask task = PathStarTask.Build(runConfig.Data.Task, (ulong)runConfig.Seed);
            PathStarScores scores = PathStarEvaluation.Run(model, task, c.TrainPathsDecoded);
            return new PathStarVariantResult(variant, scores, curve, ended.Metrics, ended.Step, ended.Reason, ended.Elapsed.TotalSeconds, run.Name);
        }
        finally
        {
            model.Dispose();
        }
    }

    private static void Log(SummaryWriter tb, PathStarVariantResult r)
    {
        string tag = $"path_star/{r.Variant}";
        PathStarScores s = r.Scores;
        void Add(string name, double? value)
        {
            if (value is double d && !double.IsNaN(d))
            {
                tb.add_scalar($"{tag}/{name}", d, r.Steps);
            }
        }

        Add("heldout_path_acc", s.HeldOut?.SequenceAccuracy);
        Add("heldout_token_acc", s.HeldOut?.TokenAccuracy);
        Add("heldout_hardest_acc", s.HeldOutHardest);
        Add("train_path_acc", s.Train?.SequenceAccuracy);
        Add("edge_top5_recovery", s.Probes.EdgeRecovery?.TopKRecovery);
        Add("edge_cos", s.Probes.GeometricLevel?.EdgeCos);
        Add("smooth25", s.Probes.Spectral?.Smooth25);
        Add("rough25", s.Probes.Spectral?.Rough25);
        Add("arm_navigation", s.Probes.Navigation?.ArmMeanAccuracy);
        double[] positions = s.HeldOut?.TokenAccuracyByPosition ?? [];
        for (int k = 0; k < positions.Length; k++)
        {
            tb.add_scalar(tag + "/heldout_position_acc", positions[k], k);
        }
    }
}

/// <summary>One variant's outcome: its scores and probes, curves, final validation metrics and sub-run.</summary>
public sealed record PathStarVariantResult(string Variant, PathStarScores Scores, TrainingCurve Curve, IReadOnlyDictionary<string, double> FinalMetrics,
    long Steps, string EndReason, double Seconds, string RunName);
