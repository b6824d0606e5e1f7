using Trainer.Models.EnergyTransformer;
using Trainer.Training.Config;
using Trainer.Training.Loop;
using Trainer.Training.Tasks;

namespace Trainer.Training.Experiments.IclEnergy;

/// <summary>Config of the <c>icl-energy</c> experiment (snake_case JSON keys).</summary>
[Description("In-context energy transformer on 2-D Gaussian mixtures: training, then landscapes after 0, a few and T - 1 context points")]
public sealed record IclEnergyConfig : IValidatable
{
    [Description("Seed of the training mixtures, the initialisation, the Langevin noise and the held-out contexts")]
    [Range(0, 1e18)]
    public long Seed { get; init; } = 7;

    [Description("The in-context mixtures: components, points, dim (must be 2 here), mean_std, component_std, batch_size, validation_sequences")]
    public IclEnergyData Data { get; init; } = new() { Points = 20, BatchSize = 16, ValidationSequences = 16 };

    [Description("The energy transformer (data_dim is set from data.dim)")]
    public EnergyTransformerConfig Model { get; init; } = new()
    {
        NLayer = 2,
        NHead = 4,
        NEmbd = 32,
        BlockSize = 24,
        NegativesPerReal = 1,
        LangevinSteps = 10,
        // s = 1 (the paper sweeps 0.01-10): with s = 0.3 the samples stall on the flat plateau far from the data
        // (docs/experiments/icl-energy.md, "Sampler sensitivity").
        NoiseScale = 1,
    };

    [Description("Optimiser, schedule and intervals (ICL-EBM: Adam, lr 1e-3, weight decay 1e-5, grad clip 0.1)")]
    public TrainConfig Train { get; init; } = new()
    {
        Steps = 1000,
        Optimizer = "adam",
        Lr = 1e-3,
        WeightDecay = 1e-5,
        Schedule = "constant",
        GradClip = 0.1,
        EvalEvery = 100,
        CheckpointEvery = 500,
        LogEvery = 10,
    };

    [Description("How the learned landscapes are measured and drawn")]
    public LandscapeSection Landscape { get; init; } = new();

    [Description("libtorch intra-op threads (0: leave as is)")]
    [Range(0, 1024)]
    public int Threads { get; init; }

    /// <summary>The training run this experiment makes.</summary>
    public IclEnergyRunConfig Run() => new()
    {
        Name = "icl-energy",
        Seed = Seed,
        Data = Data,
        Model = Model,
        Train = Train,
    };

    public IEnumerable<ValidationProblem> Validate()
    {
        if (Data.Dim != 2)
        {
            yield return new ValidationProblem("data.dim", Data.Dim, "2 (the landscapes are drawn in the plane)");
        }

        foreach (ValidationProblem p in Run().Validate())
        {
            yield return p;
        }
    }
}

/// <summary>The <c>landscape</c> section: held-out contexts, grid, probe points.</summary>
public sealed record LandscapeSection
{
    [Description("Held-out contexts the statistics are averaged over")]
    [Range(1, 1e5)]
    public int Contexts { get; init; } = 32;

    [Description("Held-out contexts drawn as landscape panels (the first ones of 'contexts')")]
    [Range(0, 100)]
    public int Plotted { get; init; } = 3;

    [Description("Context sizes n (points read before the query) to measure and draw; values above data.points - 1 mean data.points - 1, the most the model reads in training")]
    [Range(0, 1e5)]
    public int[] ContextSizes { get; init; } = [0, 2, 5, 19];

    [Description("Grid points per side of a landscape")]
    [Range(8, 1024)]
    public int GridSize { get; init; } = 48;

    [Description("The grid, the uniform probes and the probe chains' starts span [-half_width, half_width]^2 (the training chains start in [init_low, init_high]^2)")]
    [Range(0, 1e6, MinExclusive = true)]
    public double HalfWidth { get; init; } = 10;

    [Description("Uniform probe points per context (energy percentiles, mean energy at random points)")]
    [Range(1, 1e6)]
    public int RandomPoints { get; init; } = 256;

    [Description("'Far' probe points are at least this far from every true centre")]
    [Range(0, 1e6)]
    public double FarDistance { get; init; } = 3;

    [Description("Langevin chains per context drawn from E(. | context) with the model's sampler")]
    [Range(1, 1e6)]
    public int SampleChains { get; init; } = 64;

    [Description("Steps of those chains (0: the model's langevin_steps); longer than training's short runs, so the samples show where the minima are")]
    [Range(0, 1e6)]
    public int SampleSteps { get; init; } = 50;

    [Description("A sample or uniform point is 'near' a centre within this distance (component_std 0.33: 3 std is 1)")]
    [Range(0, 1e6, MinExclusive = true)]
    public double NearDistance { get; init; } = 1;
}
