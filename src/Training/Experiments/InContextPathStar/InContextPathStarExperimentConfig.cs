using Trainer.Training.Config;
using Trainer.Training.Loop;
using Trainer.Training.Tasks;

namespace Trainer.Training.Experiments.InContextPathStar;

/// <summary>Config of the <c>in-context-path-star</c> experiment (snake_case JSON keys).</summary>
[Description("In-context path-star: teacher forcing fails the first decision (about 1/degree); reversed and teacherless targets")]
public sealed record InContextPathStarExperimentConfig : IValidatable
{
    [Description("Seed of the graphs, the initialisation and the batch order (the same for every variant)")]
    [Range(0, 1e18)]
    public long Seed { get; init; } = 7;

    [Description("Target variants trained side by side: forward (teacher forcing), reverse (goal -> source), teacherless ($ inputs)")]
    [OneOf("forward", "reverse", "teacherless")]
    public string[] Variants { get; init; } = ["forward", "reverse", "teacherless"];

    [Description("The graphs: degree, path_length, node_count, train_graphs (0 = fresh graphs every step), test_graphs, batch_size")]
    public PathStarGraphsSection Data { get; init; } = new() { PathLength = 3 };

    [Description("The model (kind must be gpt); vocab_size is set from the data, block_size at least the sequence length")]
    public ModelChoice Model { get; init; } = new()
    {
        Kind = "gpt",
        Gpt = new() { NLayer = 2, NHead = 4, NEmbd = 64, BlockSize = 32 },
    };

    [Description("Optimiser, schedule and intervals, the same for every variant")]
    public TrainConfig Train { get; init; } = new()
    {
        Steps = 1000,
        Lr = 1e-3,
        WeightDecay = 0.01,
        WarmupSteps = 100,
        Schedule = "cosine",
        EvalEvery = 100,
        CheckpointEvery = 1000,
        LogEvery = 10,
    };

    [Description("libtorch intra-op threads (0: leave as is)")]
    [Range(0, 1024)]
    public int Threads { get; init; }

    /// <summary>The training run of one variant.</summary>
    public InContextPathStarRunConfig Run(string variant) => new()
    {
        Name = variant,
        Seed = Seed,
        Data = Data.ToTaskData(variant),
        Model = Model,
        Train = Train,
    };

    public IEnumerable<ValidationProblem> Validate()
    {
        if (Variants.Length == 0)
        {
            yield return new ValidationProblem("variants", Variants, "at least one of forward, reverse, teacherless");
        }

        if (Variants.Distinct().Count() != Variants.Length)
        {
            yield return new ValidationProblem("variants", Variants, "each variant at most once");
        }

        if (Model.Kind != "gpt")
        {
            yield return new ValidationProblem("model.kind", Model.Kind, "gpt");
        }

        foreach (ValidationProblem p in Run("forward").Validate())
        {
            yield return p;
        }
    }
}

/// <summary>The <c>data</c> section of the experiment: the graph family shared by all variants.</summary>
public sealed record PathStarGraphsSection
{
    [Description("Arms at the source (degSource); teacher forcing's first decision is right about 1/degree of the time")]
    [Range(1, 1000)]
    public int Degree { get; init; } = 2;

    [Description("Nodes per arm including the source (pathLen)")]
    [Range(2, 1000)]
    public int PathLength { get; init; } = 5;

    [Description("Size of the label alphabet (numNodes)")]
    [Range(2, 1e6)]
    public int NodeCount { get; init; } = 20;

    [Description("Training graphs; 0 = fresh graphs every step")]
    [Range(0, 1e9)]
    public int TrainGraphs { get; init; }

    [Description("Held-out graphs for validation and greedy decoding")]
    [Range(1, 1e9)]
    public int TestGraphs { get; init; } = 512;

    [Description("Graphs per batch")]
    [Range(1, 1e9)]
    public int BatchSize { get; init; } = 64;

    /// <summary>The task's data section for one target variant.</summary>
    public InContextPathStarData ToTaskData(string target) => new()
    {
        Degree = Degree,
        PathLength = PathLength,
        NodeCount = NodeCount,
        Target = target,
        TrainGraphs = TrainGraphs,
        TestGraphs = TestGraphs,
        BatchSize = BatchSize,
    };
}
