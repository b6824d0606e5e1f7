using System.Diagnostics;
using Trainer.Data.Tasks;
using Trainer.Training.Logging;
using Trainer.Training.Loop;
using Trainer.Training.Runs;
using Trainer.Training.Tasks;
using Trainer.Training.Tasks.InContext;
using static Trainer.Torch.torch;

namespace Trainer.Training.Experiments.InContextPathStar;

/// <summary>
/// <c>trainer experiment in-context-path-star</c>: the failure of teacher forcing on the in-context path-star task
/// (Bachmann and Nagarajan 2024, "The pitfalls of next-token prediction"; digest 3.1), the contrast to the geometric
/// memory of the in-weights task. Trains one GPT per target variant on the same graphs and budget (sub-runs named
/// after the variants) and decodes the held-out graphs greedily: the forward, teacher-forced model learns the
/// "Clever Hans" shortcut (each path token is the child of the previous one), so it walks legal paths but picks the
/// arm at the source at chance, about 1/degree; reversed targets (goal to source, each step a unique parent) and
/// teacherless targets (filler inputs, the model must plan) are the fixes. TensorBoard (in the run folder):
/// <c>path_star/&lt;variant&gt;/{path_acc,decision_acc,valid_path,valid_first_step}</c> and
/// <c>path_star/&lt;variant&gt;/position_acc</c> with step = path index; each sub-run has its own training curves.
/// </summary>
public sealed class InContextPathStarExperiment : IExperiment
{
    public string Name => "in-context-path-star";

    public string Description => "In-context path-star: teacher forcing gets ~1/degree of paths right; reversed and teacherless targets (Bachmann & Nagarajan)";

    public Type ConfigType => typeof(InContextPathStarExperimentConfig);

    public object DefaultConfig(string scale) => scale == "large" ? Large : new InContextPathStarExperimentConfig();

    /// <summary>The paper's setting: numNodes 50, 200k fixed training graphs, a 6-layer GPT of width 384, 20k steps of batch 256.</summary>
    public static InContextPathStarExperimentConfig Large => new()
    {
        Data = new PathStarGraphsSection { NodeCount = 50, TrainGraphs = 200_000, TestGraphs = 20_000, BatchSize = 256 },
        Model = new ModelChoice { Kind = "gpt", Gpt = new() { NLayer = 6, NHead = 6, NEmbd = 384, BlockSize = 32 } },
        Train = new InContextPathStarExperimentConfig().Train with
        {
            Steps = 20_000,
            Lr = 5e-4,
            WarmupSteps = 500,
            EvalEvery = 1000,
            CheckpointEvery = 5000,
            LogEvery = 50,
        },
        Threads = 0,
    };

    public ExperimentReport Execute(object config, ExperimentContext context)
    {
        var c = (InContextPathStarExperimentConfig)config;
        if (c.Threads > 0)
        {
            set_num_threads(c.Threads);
        }

        var clock = Stopwatch.StartNew();
        using var tb = new SummaryWriter(context.Run.Path);
        List<VariantResult> results = StagedVariants.Run(c.Variants, c.Train.Steps, context,
            (variant, stage) => RunVariant(c, variant, context, stage),
            (variant, r) =>
            {
                Log(tb, r);
                context.Progress.Log($"[{variant}] greedy path accuracy {r.Scores.PathAcc:0.###}, first decision {r.Scores.DecisionAcc:0.###}, legal paths {r.Scores.ValidPath:0.###}");
            });
        tb.flush();
        return InContextPathStarReport.Build(c, results, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Trains one variant in its own sub-run, then decodes and scores the held-out graphs.</summary>
    public static VariantResult RunVariant(InContextPathStarExperimentConfig c, string variant, ExperimentContext context, Progress.IProgressSink progress)
    {
        InContextPathStarRunConfig runConfig = c.Run(variant);
        PreparedTask prepared = new InContextPathStarTask().Prepare(runConfig);
        var model = (InContextPathStarModel)prepared.Model;
        var data = (PathStarGraphBatches)prepared.Data;
        RunFolder run = RunFolder.Create(context.Run.Path, variant);
        var session = new TrainingSession(run, prepared.Model, prepared.Data, prepared.Train, runConfig);
        var curve = new TrainingCurve();
        curve.Attach(session.Loop);
        RunEndedEventArgs ended = session.Execute(progress, context.Cancel);
        PathStarScores scores = Decode(model, data, runConfig.Data);
        return new VariantResult(variant, scores, curve, ended.Metrics, ended.Step, ended.Reason, ended.Elapsed.TotalSeconds, run.Name);
    }

    /// <summary>Greedy decoding of the held-out graphs and its scores.</summary>
    public static PathStarScores Decode(InContextPathStarModel model, PathStarGraphBatches data, InContextPathStarData section)
    {
        var vocab = new PathStarVocabulary(section.NodeCount);
        int? filler = section.Target == "teacherless" ? vocab.Dollar : null;
        int[][] decoded = PathStarDecoding.Greedy(model.Gpt, data.TestExamples, section.PathLength, filler);
        return PathStarDecoding.Score(data.TestExamples, decoded, vocab, reverse: section.Target == "reverse");
    }

    private static void Log(SummaryWriter tb, VariantResult r)
    {
        string tag = $"path_star/{r.Variant}";
        tb.add_scalar(tag + "/path_acc", r.Scores.PathAcc, r.Steps);
        tb.add_scalar(tag + "/decision_acc", r.Scores.DecisionAcc, r.Steps);
        tb.add_scalar(tag + "/valid_first_step", r.Scores.ValidFirstStep, r.Steps);
        tb.add_scalar(tag + "/valid_path", r.Scores.ValidPath, r.Steps);
        for (int k = 0; k < r.Scores.PositionAcc.Length; k++)
        {
            tb.add_scalar(tag + "/position_acc", r.Scores.PositionAcc[k], k);
        }
    }
}

/// <summary>One variant's outcome: greedy scores on the held-out graphs, its curves, final validation metrics and run.</summary>
public sealed record VariantResult(string Variant, PathStarScores Scores, TrainingCurve Curve, IReadOnlyDictionary<string, double> FinalMetrics,
    long Steps, string EndReason, double Seconds, string RunName);
