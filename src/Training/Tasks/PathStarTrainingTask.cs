using Trainer.Data.Tasks;
using Trainer.Models.Core;
using Trainer.Training.Config;
using Trainer.Training.Loop;

namespace Trainer.Training.Tasks;

/// <summary>
/// The in-weights path-star task (geometric-memory paper): one fixed path-star graph; edge examples
/// <c>[EDGE] u -&gt; v</c> and path examples <c>[PATH] leaf [PAUSE] -&gt; root n1 ... leaf</c> for the training
/// leaves; evaluation on the held-out leaves' paths (val/seq_acc is the share of held-out paths generated exactly,
/// since greedy decoding reproduces a path iff every teacher-forced argmax is right). Mixed recipes train edges and
/// paths in the same batches; staged recipes train edges for <c>data.edge_steps</c> steps, then paths.
/// </summary>
public sealed class PathStarTrainingTask : ITaskDefinition
{
    public string Name => "path-star";

    public string Description => "in-weights path-star: memorise edges and training paths, generate held-out paths (GPT or edge network)";

    public Type ConfigType => typeof(PathStarRunConfig);

    public PreparedTask Prepare(object config)
    {
        var c = (PathStarRunConfig)config;
        PathStarTask task = PathStarTask.Build(c.Data.Task, (ulong)c.Seed);
        var vocab = task.Vocabulary;
        int length = Math.Max(1, new[] { task.EdgeExamples, task.TrainExamples, task.TestExamples }
            .SelectMany(x => x).Select(e => e.Length - 1).DefaultIfEmpty(1).Max());
        SequenceArrays Encode(IReadOnlyList<TokenExample> xs) => SequenceArrays.Encode(xs, vocab.Pad, length);
        SequenceArrays test = Encode(task.TestExamples.Length > 0 ? task.TestExamples : task.EdgeExamples);
        IBatchSource batches = task.Stages.Count == 1
            ? new SequenceBatches(Encode(task.Stages[0].Examples), test, c.Data.BatchSize, (ulong)c.Seed)
            : new StagedBatches(
                new SequenceBatches(Encode(task.Stages[0].Examples), test, c.Data.BatchSize, (ulong)c.Seed),
                new SequenceBatches(Encode(task.Stages[1].Examples), test, c.Data.BatchSize, (ulong)c.Seed + 1),
                c.Data.EdgeSteps);
        ITrainable model = ModelFactory.Create(c.Model, vocab.Size, task.Graph.NodeCount, length, (ulong)c.Seed);
        return new PreparedTask(model, batches, c.Train, c.Name, new TaskContext(task.Graph.Graph, task.Graph.NodeCount, c.Model.Kind));
    }
}

/// <summary>Config of <see cref="PathStarTrainingTask"/>.</summary>
public sealed record PathStarRunConfig
{
    [OneOf("path-star")]
    public string Task { get; init; } = "path-star";

    public string Name { get; init; } = "path-star";

    [Range(0, 1e18)]
    public long Seed { get; init; } = 7;

    public PathStarData Data { get; init; } = new();

    public ModelChoice Model { get; init; } = new()
    {
        Kind = "gpt",
        Gpt = new() { NLayer = 2, NHead = 2, NEmbd = 64, BlockSize = 16 },
    };

    public TrainConfig Train { get; init; } = new()
    {
        Steps = 2000,
        Lr = 1e-3,
        WeightDecay = 0.01,
        WarmupSteps = 100,
        EvalEvery = 250,
        CheckpointEvery = 500,
    };
}

/// <summary>The <c>data</c> section of <see cref="PathStarRunConfig"/>.</summary>
public sealed record PathStarData
{
    [Description("The path-star task: degree, path_length, recipe (mixed_full_path, staged_full_path, mixed_hardest_token, staged_hardest_token), split")]
    public PathStarTaskConfig Task { get; init; } = new() { Degree = 8, PathLength = 5 };

    [Description("Examples per batch (0 = full batch)")]
    [Range(0, 1e9)]
    public int BatchSize { get; init; } = 256;

    [Description("Staged recipes: optimizer steps on edges before switching to paths")]
    [Range(0, 1e12)]
    public long EdgeSteps { get; init; } = 500;
}

/// <summary>Edges for the first <c>edgeSteps</c> steps, then paths (the staged recipes), as a function of the step.</summary>
public sealed class StagedBatches(IBatchSource first, IBatchSource second, long switchAt) : IBatchSource
{
    public long StepsPerEpoch => second.StepsPerEpoch;

    public Batch Train(long step) => step < switchAt ? first.Train(step) : second.Train(step - switchAt);

    public IEnumerable<Batch> Validation() => second.Validation();
}
