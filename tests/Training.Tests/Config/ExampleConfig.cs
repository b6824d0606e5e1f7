using Trainer.Training.Config;

namespace Trainer.Training.Tests.Config;

// A small config record set shaped like the real ones (model / data / train sections), used only by these tests.

public enum Optimizer
{
    Sgd,
    Adam,
    AdamW,
}

public enum Activation
{
    Gelu,
    Relu,
}

public sealed record ModelSection : IValidatable
{
    [Description("number of transformer blocks")]
    [Range(1, 64)]
    public int NLayer { get; init; } = 2;

    [Range(1, 64)]
    public int NHead { get; init; } = 4;

    [Description("embedding width d")]
    public int NEmbd { get; init; } = 128;

    [Range(0, 1, MaxExclusive = true)]
    public double Dropout { get; init; }

    public Activation Activation { get; init; } = Activation.Gelu;

    [Range(1, 4096)]
    public int[] HiddenSizes { get; init; } = [64, 32];

    public IEnumerable<ValidationProblem> Validate()
    {
        if (NEmbd % NHead != 0)
        {
            yield return new ValidationProblem("n_embd", NEmbd, $"a multiple of n_head ({NHead})");
        }
    }
}

public sealed record DataSection
{
    [OneOf("path_star", "zipf")]
    public string Dataset { get; init; } = "path_star";

    public long Seed { get; init; } = 1234;

    public int? MaxSamples { get; init; }

    public IReadOnlyList<string> Splits { get; init; } = ["train", "val"];
}

public sealed record ScheduleSection
{
    public int WarmupSteps { get; init; } = 100;

    public double MinLrRatio { get; init; } = 0.1;
}

public sealed record TrainSection
{
    [Description("peak learning rate")]
    [Range(0, 1, MinExclusive = true)]
    public double Lr { get; init; } = 3e-4;

    [Range(1, int.MaxValue)]
    public int MaxSteps { get; init; } = 1000;

    public Optimizer Optimizer { get; init; } = Optimizer.AdamW;

    public bool Compile { get; init; }

    public double? WallTimeHours { get; init; }

    public float Beta2 { get; init; } = 0.95f;

    public double GradClip { get; init; } = 1.0;

    public Dictionary<string, double> LossWeights { get; init; } = new() { ["main"] = 1.0 };

    public ScheduleSection? Schedule { get; init; }
}

public sealed record ExperimentConfig
{
    public string Name { get; init; } = "demo";

    public ModelSection Model { get; init; } = new();

    public DataSection Data { get; init; } = new();

    public TrainSection Train { get; init; } = new();

    public string? Notes { get; init; }
}
