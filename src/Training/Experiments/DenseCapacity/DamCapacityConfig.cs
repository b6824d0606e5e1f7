using Trainer.Models.Hopfield.Theory;
using Trainer.Training.Config;

namespace Trainer.Training.Experiments.DenseCapacity;

/// <summary>Config of the <c>dam-capacity</c> experiment (snake_case JSON keys).</summary>
[Description("Exponential capacity of dense associative memories: P = e^(alpha N) patterns, retrieval vs alpha and lambda")]
public sealed record DamCapacityConfig : IValidatable
{
    [Description("pattern ensembles: gaussian (xi_i ~ N(0,1)) and/or spherical (||xi||^2 = N)")]
    public PatternEnsemble[] Ensembles { get; init; } = [PatternEnsemble.Gaussian, PatternEnsemble.Spherical];

    [Description("pattern dimensions N (memory holds N e^(alpha N) floats, keep N small)")]
    [Range(3, 4096)]
    public int[] Dims { get; init; } = [10, 14];

    [Description("inverse temperatures lambda (on the raw dot product) of the success-vs-alpha curves and the iterated retrieval")]
    [Range(0, 1000, MinExclusive = true)]
    public double[] Lambdas { get; init; } = [0.5, 1, 2];

    [Description("lambdas of the phase diagram (one-step 50% points; cheap, they share the score matrix)")]
    [Range(0, 1000, MinExclusive = true)]
    public double[] PhaseLambdas { get; init; } = [0.25, 0.5, 0.75, 1, 1.5, 2, 3];

    [Description("smallest load alpha = ln(P) / N of the sweep")]
    [Range(0, 10, MinExclusive = true)]
    public double AlphaMin { get; init; } = 0.1;

    [Description("largest load alpha (points with more than max_patterns patterns are skipped)")]
    [Range(0, 10, MinExclusive = true)]
    public double AlphaMax { get; init; } = 1.45;

    [Description("step of the alpha grid")]
    [Range(0, 1, MinExclusive = true)]
    public double AlphaStep { get; init; } = 0.05;

    [Description("largest number of stored patterns P at any point")]
    [Range(2, 1L << 31)]
    public long MaxPatterns { get; init; } = 1L << 19;

    [Description("queries (stored patterns used as starts) per point for the one-step criterion; small P is redrawn to reach it")]
    [Range(1, 1 << 20)]
    public int Queries { get; init; } = 128;

    [Description("queries per point for the iterated retrieval (fixed point), per lambda of 'lambdas'")]
    [Range(0, 1 << 20)]
    public int IteratedQueries { get; init; } = 32;

    [Description("iterated retrieval only where P <= this (it costs max_steps passes over the memory)")]
    [Range(2, 1L << 31)]
    public long IteratedMaxPatterns { get; init; } = 1L << 17;

    [Description("update cap of the iterated retrieval")]
    [Range(1, 10000)]
    public int MaxSteps { get; init; } = 20;

    [Description("fixed point counts as retrieved when ||x* - xi|| / sqrt(N) < this")]
    [Range(0, 2, MinExclusive = true)]
    public double DistanceTol { get; init; } = 0.1;

    [Description("one-step basins from noisy starts")]
    public DamBasinConfig Basins { get; init; } = new();

    [Description("seed of the pattern sets and queries")]
    public long Seed { get; init; } = 1;

    [Description("libtorch intra-op threads (0: leave as is)")]
    [Range(0, 1024)]
    public int Threads { get; init; } = 2;

    public IEnumerable<ValidationProblem> Validate()
    {
        if (AlphaMax < AlphaMin)
        {
            yield return new ValidationProblem("alpha_max", AlphaMax, $">= alpha_min ({AlphaMin})");
        }

        if (Ensembles.Length == 0)
        {
            yield return new ValidationProblem("ensembles", Ensembles, "at least one of gaussian, spherical");
        }
    }
}

/// <summary>One-step basin sweep: queries at overlap rho0 with their target, rate of target weight &gt; 1/2 after one update.</summary>
public sealed record DamBasinConfig
{
    [Description("run the basin sweep")]
    public bool Enabled { get; init; } = true;

    [Description("pattern dimension N of the basin sweep (0: the largest of 'dims')")]
    [Range(0, 4096)]
    public int Dim { get; init; }

    [Description("loads alpha of the basin sweep")]
    [Range(0, 10, MinExclusive = true)]
    public double[] Alphas { get; init; } = [0.2, 0.4];

    [Description("lambdas of the basin sweep")]
    [Range(0, 1000, MinExclusive = true)]
    public double[] Lambdas { get; init; } = [1, 4];

    [Description("start overlaps rho0 from 0 to 1 in this many steps")]
    [Range(2, 1000)]
    public int OverlapSteps { get; init; } = 40;

    [Description("noisy queries per point")]
    [Range(1, 1 << 20)]
    public int Queries { get; init; } = 256;
}
