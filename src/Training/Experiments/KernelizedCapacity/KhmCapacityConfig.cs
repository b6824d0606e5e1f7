using Trainer.Models.Hopfield.Retrieval;
using Trainer.Models.Kernelized;
using Trainer.Training.Config;

namespace Trainer.Training.Experiments.KernelizedCapacity;

/// <summary>Config of the <c>khm-capacity</c> experiment (snake_case JSON keys).</summary>
[Description("Optimal capacity of kernelized Hopfield models: U-Hop+ vs Tammes codes, metastable states, capacity vs feature dimension")]
public sealed record KhmCapacityConfig
{
    [Description("U-Hop+ on M points of S^2 against the optimal (Tammes) angles and the spherical-code bounds")]
    public TammesSweepConfig Tammes { get; init; } = new();

    [Description("metastable-state sizes before and after U-Hop+ (the authors' synthetic setting)")]
    public MetastableSweepConfig Metastable { get; init; } = new();

    [Description("memory capacity against the feature dimension D_Phi")]
    public FeatureDimSweepConfig FeatureDim { get; init; } = new();

    [Description("seed of memories, queries and feature-map initialisations")]
    public long Seed { get; init; } = 1;

    [Description("libtorch intra-op threads (0: leave as is)")]
    [Range(0, 1024)]
    public int Threads { get; init; } = 2;
}

/// <summary>U-Hop+ on M random points of R^3 with a feature map R^3 -&gt; R^3, min angle against Tammes.</summary>
public sealed record TammesSweepConfig
{
    public bool Enabled { get; init; } = true;

    [Description("numbers of points M (the Tammes table covers 4..14)")]
    [Range(4, 14)]
    public int[] Counts { get; init; } = [4, 5, 6, 8, 10, 12, 14];

    [Description("feature maps to train: linear (the paper's Phi(x) = W x + b) and/or mlp")]
    public FeatureMapKind[] Kinds { get; init; } = [FeatureMapKind.Linear, FeatureMapKind.Mlp];

    [Description("also optimise the points themselves with the same loss (what the loss reaches without a feature map)")]
    public bool FreePoints { get; init; } = true;

    [Description("hidden width of the mlp feature map")]
    [Range(1, 4096)]
    public int HiddenDim { get; init; } = 32;

    [Description("random point sets (and initialisations) per M; the table reports the best and the mean")]
    [Range(1, 1000)]
    public int Restarts { get; init; } = 2;

    [Description("U-Hop+ separation: Adam steps, learning rate, temperature tau")]
    public SeparationSettings Separation { get; init; } = new() { Steps = 300, LearningRate = 0.05, Tau = 0.05 };
}

/// <summary>Separation-stage settings (U-Hop+ stage 1).</summary>
public sealed record SeparationSettings
{
    [Range(0, 1000000)]
    public int Steps { get; init; } = 20;

    [Range(0, 100, MinExclusive = true)]
    public double LearningRate { get; init; } = 1.0;

    [Range(0, 100, MinExclusive = true)]
    public double Tau { get; init; } = 0.1;

    [Description("use the authors' version of the separation loss (triu + detach quirk)")]
    public bool AuthorsQuirk { get; init; }

    public UHopPlusOptions ToOptions() => new() { Steps = Steps, LearningRate = LearningRate, Tau = Tau, AuthorsQuirk = AuthorsQuirk };
}

/// <summary>Metastable-state sizes with softmax, 1.5-entmax and sparsemax, before and after U-Hop+.</summary>
public sealed record MetastableSweepConfig
{
    public bool Enabled { get; init; } = true;

    [Description("memory dimension d")]
    [Range(1, 100000)]
    public int InputDim { get; init; } = 5;

    [Description("feature dimension D_Phi")]
    [Range(1, 100000)]
    public int FeatureDim { get; init; } = 5;

    [Description("stored memories M")]
    [Range(2, 1000000)]
    public int Memories { get; init; } = 10;

    [Description("random unit queries per memory set")]
    [Range(1, 1000000)]
    public int Queries { get; init; } = 100;

    [Description("independent memory sets (and feature-map initialisations)")]
    [Range(1, 10000)]
    public int Seeds { get; init; } = 10;

    [Description("inverse temperatures beta of the retrieval")]
    [Range(0, 1e6, MinExclusive = true)]
    public double[] Betas { get; init; } = [1, 4];

    public NormalizerKind[] Normalizers { get; init; } = [NormalizerKind.Softmax, NormalizerKind.Entmax15, NormalizerKind.Sparsemax];

    [Description("CCCP updates of the retrieval")]
    [Range(1, 100000)]
    public int RetrievalSteps { get; init; } = 20;

    [Description("softmax weights above this count towards the metastable size (sparse normalisers count p > 0)")]
    [Range(0, 1)]
    public double SoftmaxThreshold { get; init; } = 0.01;

    [Description("feature modes: true = unit features (the paper's kernel), false = raw Phi(x) as in the authors' retrieval code")]
    public bool[] NormalizeFeatures { get; init; } = [true, false];

    public SeparationSettings Separation { get; init; } = new();
}

/// <summary>Capacity against D_Phi: memories retrieved (target weight &gt; 1/2 at the memory) before and after U-Hop+.</summary>
public sealed record FeatureDimSweepConfig
{
    public bool Enabled { get; init; } = true;

    [Description("memory dimension d (Phi maps R^d -> R^D_Phi)")]
    [Range(1, 100000)]
    public int InputDim { get; init; } = 64;

    [Description("feature dimensions D_Phi")]
    [Range(2, 100000)]
    public int[] FeatureDims { get; init; } = [2, 3, 4, 5, 6];

    [Description("memory counts M (a geometric grid reads best)")]
    [Range(2, 1000000)]
    public int[] Counts { get; init; } = [4, 8, 16, 32, 64, 128, 256];

    [Description("inverse temperature beta of the softmax retrieval on unit features")]
    [Range(0, 1e6, MinExclusive = true)]
    public double Beta { get; init; } = 10;

    [Description("capacity: the largest M (interpolated in log M) at which this fraction of the memories is retrieved")]
    [Range(0, 1, MinExclusive = true)]
    public double SuccessLevel { get; init; } = 0.9;

    [Range(1, 1000)]
    public int Seeds { get; init; } = 1;

    public SeparationSettings Separation { get; init; } = new() { Steps = 300, LearningRate = 0.05, Tau = 0.05 };
}
