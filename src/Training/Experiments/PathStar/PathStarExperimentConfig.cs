using Trainer.Data.Tasks;
using Trainer.Training.Config;
using Trainer.Training.Loop;
using Trainer.Training.Tasks;

namespace Trainer.Training.Experiments.PathStar;

/// <summary>Config of the <c>path-star</c> experiment (snake_case JSON keys).</summary>
[Description("In-weights path-star: memorise one graph's edges and the training leaves' paths, generate the paths to held-out leaves")]
public sealed record PathStarExperimentConfig : IValidatable
{
    /// <summary>The variant that learns its token embeddings (the paper's model).</summary>
    public const string Learned = "learned";

    /// <summary>The associative control: token embeddings (tied with the head) frozen at a random N(0, 1) draw.</summary>
    public const string Frozen = "frozen";

    [Description("Seed of the graph ids, the 75/25 split, the initialisation and the batch order (the same for every variant)")]
    [Range(0, 1e18)]
    public long Seed { get; init; } = 7;

    [Description("Models trained side by side: learned (embeddings trained, the paper's GPT), frozen (embeddings fixed at N(0, 1), the associative control)")]
    [OneOf(Learned, Frozen)]
    public string[] Variants { get; init; } = [Learned, Frozen];

    [Description("The task (degree, path_length, recipe, train_fraction, ...), examples per batch, edge steps of the staged recipes")]
    public PathStarData Data { get; init; } = new()
    {
        Task = new PathStarTaskConfig { Degree = 100, PathLength = 4 },
        BatchSize = 256,
        EdgeSteps = 1000,
    };

    [Description("The model (kind must be gpt); vocab_size is set from the data, block_size at least the sequence length")]
    public ModelChoice Model { get; init; } = new()
    {
        Kind = "gpt",
        Gpt = new() { NLayer = 2, NHead = 2, NEmbd = 64, BlockSize = 16 },
    };

    [Description("Optimiser, schedule and intervals, the same for every variant")]
    public TrainConfig Train { get; init; } = new()
    {
        Steps = 3000,
        Lr = 1e-3,
        WeightDecay = 0.01,
        WarmupSteps = 100,
        Schedule = "cosine",
        EvalEvery = 250,
        CheckpointEvery = 0,
        LogEvery = 10,
    };

    [Description("At most this many training paths are decoded for the training accuracy (0 = all)")]
    [Range(0, 1e9)]
    public int TrainPathsDecoded { get; init; } = 1000;

    [Description("libtorch intra-op threads (0: leave as is)")]
    [Range(0, 1024)]
    public int Threads { get; init; }

    /// <summary>The training run of one variant (the frozen control starts its embeddings from N(0, 1)).</summary>
    public PathStarRunConfig Run(string variant) => new()
    {
        Name = variant,
        Seed = Seed,
        Data = Data,
        Model = variant == Frozen ? Model with { Gpt = Model.Gpt with { EmbeddingInit = "normal_1" } } : Model,
        Train = Train,
    };

    public IEnumerable<ValidationProblem> Validate()
    {
        if (Variants.Length == 0)
        {
            yield return new ValidationProblem("variants", Variants, "at least one of learned, frozen");
        }

        if (Variants.Distinct().Count() != Variants.Length)
        {
            yield return new ValidationProblem("variants", Variants, "each variant at most once");
        }

        if (Model.Kind != "gpt")
        {
            yield return new ValidationProblem("model.kind", Model.Kind, "gpt");
        }
    }
}
