using Trainer.Data.Tasks;
using Trainer.Models.Gpt;
using Trainer.Training.Config;
using Trainer.Training.Loop;
using Trainer.Training.Tasks.InContext;

namespace Trainer.Training.Tasks;

/// <summary>
/// The in-context path-star task (Bachmann and Nagarajan, "The pitfalls of next-token prediction"; digest 3.1): every
/// example is a fresh random path-star graph written as a shuffled edge list, then source and goal, then the
/// source-to-goal path; a GPT is trained with next-token loss on the path only. Targets: "forward" (teacher forcing
/// on the path: the first decision at the source is learnt at chance, about 1/degree, the "Clever Hans" failure),
/// "reverse" (goal to source, every step a lookup) or "teacherless" (forward targets, but the inputs after the prompt
/// are the filler <c>$</c>, so the model must plan the whole path from the prompt). Validation reports, beside
/// loss/acc/seq_acc, the teacher-forced accuracy per path index (<c>pos_k_acc</c>) and <c>decision_acc</c> (index 1,
/// the first branching decision of forward paths); <c>seq_acc</c> equals greedy exact-path accuracy.
/// </summary>
public sealed class InContextPathStarTask : ITaskDefinition
{
    public string Name => "in-context-path-star";

    public string Description => "in-context path-star (fresh graph per example): teacher forcing vs reversed or teacherless targets (GPT)";

    public Type ConfigType => typeof(InContextPathStarRunConfig);

    public PreparedTask Prepare(object config)
    {
        var c = (InContextPathStarRunConfig)config;
        if (c.Model.Kind != "gpt")
        {
            throw new ConfigException(new ConfigError("model.kind", c.Model.Kind, "the in-context path-star task trains a GPT", "gpt"));
        }

        var batches = new PathStarGraphBatches(c.Data, (ulong)c.Seed);
        var vocab = new PathStarVocabulary(c.Data.NodeCount);
        var gpt = (GptModel)ModelFactory.Create(c.Model, vocab.Size, c.Data.NodeCount, batches.Length, (ulong)c.Seed);
        var model = new InContextPathStarModel(gpt, batches.PromptLength, c.Data.PathLength);
        return new PreparedTask(model, batches, c.Train, c.Name, new TaskContext(null, c.Data.NodeCount, "gpt"));
    }
}

/// <summary>Config of <see cref="InContextPathStarTask"/> (snake_case JSON keys).</summary>
public sealed record InContextPathStarRunConfig : IValidatable
{
    [Description("Task kind (fixed)")]
    [OneOf("in-context-path-star")]
    public string Task { get; init; } = "in-context-path-star";

    [Description("Run name (the run folder is runs/<stamp>-<name>)")]
    public string Name { get; init; } = "in-context-path-star";

    [Description("Seed for the graphs, the initialisation and the batch order")]
    [Range(0, 1e18)]
    public long Seed { get; init; } = 7;

    public InContextPathStarData Data { get; init; } = new();

    public ModelChoice Model { get; init; } = new()
    {
        Kind = "gpt",
        Gpt = new() { NLayer = 2, NHead = 4, NEmbd = 64, BlockSize = 32 },
    };

    public TrainConfig Train { get; init; } = new()
    {
        Steps = 1500,
        Lr = 1e-3,
        WeightDecay = 0.01,
        WarmupSteps = 100,
        EvalEvery = 250,
        CheckpointEvery = 500,
    };

    public IEnumerable<ValidationProblem> Validate()
    {
        string? problem = null;
        try
        {
            Data.Generator(1).Validate();
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationProblem("data", null, problem);
        }
    }
}

/// <summary>The <c>data</c> section of <see cref="InContextPathStarRunConfig"/>.</summary>
public sealed record InContextPathStarData
{
    /// <summary>The allowed values of <see cref="Target"/>.</summary>
    public static IReadOnlyList<string> Targets { get; } = ["forward", "reverse", "teacherless"];

    [Description("Arms at the source (degSource)")]
    [Range(1, 1000)]
    public int Degree { get; init; } = 2;

    [Description("Nodes per arm including the source (pathLen)")]
    [Range(2, 1000)]
    public int PathLength { get; init; } = 5;

    [Description("Size of the label alphabet the nodes of each graph are drawn from (numNodes)")]
    [Range(2, 1e6)]
    public int NodeCount { get; init; } = 50;

    [Description("forward: teacher-forced source -> goal path; reverse: goal -> source; teacherless: forward targets with $ inputs after the prompt")]
    [OneOf("forward", "reverse", "teacherless")]
    public string Target { get; init; } = "forward";

    [Description("Training graphs; 0 = a fresh batch of graphs every step (a pure function of seed and step)")]
    [Range(0, 1e9)]
    public int TrainGraphs { get; init; }

    [Description("Held-out graphs for validation and greedy decoding")]
    [Range(1, 1e9)]
    public int TestGraphs { get; init; } = 512;

    [Description("Graphs per batch (0 with a fixed training set = full batch)")]
    [Range(0, 1e9)]
    public int BatchSize { get; init; } = 64;

    /// <summary>The generator config for <paramref name="count"/> graphs with this section's target mode.</summary>
    public InContextPathStarConfig Generator(int count) => new()
    {
        Degree = Degree,
        PathLength = PathLength,
        NodeCount = NodeCount,
        Count = count,
        Reverse = Target == "reverse",
        Teacherless = Target == "teacherless",
    };
}
