using Trainer.Data.Patterns;
using Trainer.Models.EnergyTransformer;
using Trainer.Training.Config;
using Trainer.Training.Loop;
using Trainer.Training.Tasks.InContext;

namespace Trainer.Training.Tasks;

/// <summary>
/// In-context learning of energy functions (Schaeffer et al. 2024, ICL-EBM; digest 4.2): a causal transformer reads
/// the points of a fresh Gaussian mixture and outputs E(x_t | x_&lt;t); trained by contrastive divergence against
/// Langevin negatives, L = mean E(real) - mean E(sampled) + c (mean E(real)^2 + mean E(sampled)^2). Batches are a
/// pure function of (seed, step) (<see cref="GaussianMixtureBatches"/>); validation is a fixed held-out set.
/// </summary>
public sealed class IclEnergyTask : ITaskDefinition
{
    public string Name => "icl-energy";

    public string Description => "in-context energy transformer on fresh Gaussian mixtures (contrastive divergence with Langevin negatives)";

    public Type ConfigType => typeof(IclEnergyRunConfig);

    public PreparedTask Prepare(object config)
    {
        var c = (IclEnergyRunConfig)config;
        EnergyTransformerConfig m = c.Model with { DataDim = c.Data.Dim };
        Trainer.Torch.torch.manual_seed((ulong)c.Seed);
        var model = new EnergyTransformerModel(m);
        var batches = new GaussianMixtureBatches(c.Data.Mixture(), c.Data.BatchSize, c.Data.ValidationSequences,
            m.NegativesPerReal, m.InitLow, m.InitHigh, (ulong)c.Seed);
        return new PreparedTask(model, batches, c.Train, c.Name, new TaskContext(null, 0, "energy_transformer"));
    }
}

/// <summary>Config of <see cref="IclEnergyTask"/> (snake_case JSON keys).</summary>
public sealed record IclEnergyRunConfig : IValidatable
{
    [Description("Task kind (fixed)")]
    [OneOf("icl-energy")]
    public string Task { get; init; } = "icl-energy";

    [Description("Run name (the run folder is runs/<stamp>-<name>)")]
    public string Name { get; init; } = "icl-energy";

    [Description("Seed for the mixtures, the chain starts, the initialisation and the Langevin noise")]
    [Range(0, 1e18)]
    public long Seed { get; init; } = 7;

    public IclEnergyData Data { get; init; } = new();

    [Description("Energy transformer: n_layer, n_head, n_embd, negatives_per_real, langevin_steps, noise_scale, grad_clip, energy_regularization, init_low, init_high (data_dim is set from data.dim)")]
    public EnergyTransformerConfig Model { get; init; } = new() { NLayer = 2, NHead = 4, NEmbd = 64, BlockSize = 40, NoiseScale = 0.3 };

    public TrainConfig Train { get; init; } = new()
    {
        Steps = 600,
        Optimizer = "adam",
        Lr = 1e-3,
        WeightDecay = 1e-5,
        Schedule = "constant",
        GradClip = 0.1,
        EvalEvery = 100,
        CheckpointEvery = 200,
        LogEvery = 10,
    };

    public IEnumerable<ValidationProblem> Validate()
    {
        var problems = new List<ValidationProblem>();
        try
        {
            (Model with { DataDim = Data.Dim }).Validate();
        }
        catch (ArgumentException e)
        {
            problems.Add(new ValidationProblem("model", null, e.Message));
        }

        if (Data.Points + 1 > Model.BlockSize)
        {
            problems.Add(new ValidationProblem("model.block_size", Model.BlockSize, $"at least data.points + 1 ({Data.Points + 1}), so a query can follow the whole context"));
        }

        return problems;
    }
}

/// <summary>The <c>data</c> section of <see cref="IclEnergyRunConfig"/>: the family of in-context mixtures.</summary>
public sealed record IclEnergyData
{
    [Description("Mixture components K per context")]
    [Range(1, 1000)]
    public int Components { get; init; } = 3;

    [Description("In-context points T per sequence")]
    [Range(1, 100000)]
    public int Points { get; init; } = 35;

    [Description("Point dimension d (landscape plots need 2)")]
    [Range(1, 1000)]
    public int Dim { get; init; } = 2;

    [Description("Component means mu_k ~ N(0, mean_std^2 I)")]
    [Range(0, 1e6)]
    public double MeanStd { get; init; } = 5;

    [Description("Standard deviation of each component")]
    [Range(0, 1e6)]
    public double ComponentStd { get; init; } = 0.33;

    [Description("Fresh contexts per training batch")]
    [Range(1, 1e6)]
    public int BatchSize { get; init; } = 32;

    [Description("Held-out contexts in the validation batch")]
    [Range(0, 1e6)]
    public int ValidationSequences { get; init; } = 64;

    /// <summary>The generator config (Sequences is set per batch).</summary>
    public GaussianMixtureIclConfig Mixture() => new()
    {
        Sequences = 0,
        Points = Points,
        Components = Components,
        Dim = Dim,
        MeanStd = MeanStd,
        ComponentStd = ComponentStd,
    };
}
