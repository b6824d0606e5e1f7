using Trainer.Training.Config;

namespace Trainer.Training.Experiments.KdeMemory;

/// <summary>Config of the <c>kde-memory</c> experiment (snake_case JSON keys).</summary>
[Description("Associative memory as a Gaussian KDE: capacity on the sphere, and clustering by normalised self-attention")]
public sealed record KdeMemoryConfig
{
    [Description("capacity of the Gaussian KDE memory on the sphere ||xi||^2 = d")]
    public KdeCapacityConfig Capacity { get; init; } = new();

    [Description("clustering of von Mises-Fisher data by normalised self-attention")]
    public AttentionClusteringConfig Clustering { get; init; } = new();

    [Description("seed of patterns, clusters and queries")]
    public long Seed { get; init; } = 1;

    [Description("libtorch intra-op threads (0: leave as is)")]
    [Range(0, 1024)]
    public int Threads { get; init; } = 2;
}

/// <summary>Capacity sweep: K = e^(alpha d) patterns on the sphere, stored fraction under mean-shift for each beta.</summary>
public sealed record KdeCapacityConfig : IValidatable
{
    [Description("run the capacity sweep")]
    public bool Enabled { get; init; } = true;

    [Description("pattern dimensions d (the capacity's growth with d is plotted)")]
    [Range(3, 4096)]
    public int[] Dims { get; init; } = [6, 8, 10, 12];

    [Description("kernel precisions beta = 1 / sigma^2")]
    [Range(0, 1000, MinExclusive = true)]
    public double[] Betas { get; init; } = [0.5, 1, 2];

    [Description("smallest load alpha = ln(K) / d")]
    [Range(0, 10, MinExclusive = true)]
    public double AlphaMin { get; init; } = 0.1;

    [Description("largest load alpha")]
    [Range(0, 10, MinExclusive = true)]
    public double AlphaMax { get; init; } = 1.2;

    [Description("step of the alpha grid")]
    [Range(0, 1, MinExclusive = true)]
    public double AlphaStep { get; init; } = 0.05;

    [Description("largest number of stored patterns K")]
    [Range(2, 1L << 31)]
    public long MaxPatterns { get; init; } = 1L << 15;

    [Description("patterns tested per point (mean-shift started at each); small K is redrawn to reach it")]
    [Range(1, 1 << 20)]
    public int Queries { get; init; } = 48;

    [Description("xi counts as stored when the mean-shift fixed point lies within eps sqrt(d) of it")]
    [Range(0, 2, MinExclusive = true)]
    public double Eps { get; init; } = 0.1;

    [Description("mean-shift step cap")]
    [Range(1, 10000)]
    public int MaxSteps { get; init; } = 30;

    public IEnumerable<ValidationProblem> Validate()
    {
        if (AlphaMax < AlphaMin)
        {
            yield return new ValidationProblem("alpha_max", AlphaMax, $">= alpha_min ({AlphaMin})");
        }
    }
}

/// <summary>Clustering sweep: tokens from a vMF mixture updated by X &lt;- normalise(softmax(beta X X^T) X), clusters counted.</summary>
public sealed record AttentionClusteringConfig
{
    [Description("run the clustering sweep")]
    public bool Enabled { get; init; } = true;

    [Description("ambient dimension d (points on S^(d-1))")]
    [Range(2, 4096)]
    public int Dim { get; init; } = 16;

    [Description("true number of vMF clusters K")]
    [Range(1, 1000)]
    public int Clusters { get; init; } = 5;

    [Description("tokens per sequence")]
    [Range(2, 100000)]
    public int Points { get; init; } = 200;

    [Description("vMF concentration kappa of each cluster")]
    [Range(0, 1e6)]
    public double Kappa { get; init; } = 200;

    [Description("inverse temperatures beta of the attention (= vMF kernel concentration)")]
    [Range(0, 1e6, MinExclusive = true)]
    public double[] Betas { get; init; } = [0.3, 1, 3, 10, 20, 30, 50, 100, 200, 300, 500, 1000];

    [Description("attention updates (stops early when no token moves more than 1e-7)")]
    [Range(1, 100000)]
    public int Steps { get; init; } = 100;

    [Description("greedy grouping: a token joins a representative with cosine above this")]
    [Range(0, 1)]
    public double CosineThreshold { get; init; } = 0.99;

    [Description("independent datasets per beta")]
    [Range(1, 1000)]
    public int Seeds { get; init; } = 3;
}
