using Trainer.Training.Config;

namespace Trainer.Training.Experiments.ScalingLaws;

/// <summary>Config of the <c>scaling-laws</c> experiment (snake_case JSON keys).</summary>
[Description("Scaling laws of outer-product associative memories: error vs memory size d and sample count T for Zipf inputs")]
public sealed record ScalingLawsConfig
{
    [Description("input tokens N of the count-based d and T sweeps")]
    [Range(2, 1e7)]
    public int Inputs { get; init; } = 1000;

    [Description("classes M (labels f*(x) = x mod M)")]
    [Range(2, 1e5)]
    public int Classes { get; init; } = 5;

    [Description("Zipf exponents alpha of the sweeps (> 1)")]
    [Range(1, 10, MinExclusive = true)]
    public double[] Alphas { get; init; } = [2, 1.5];

    [Description("memory sizes d of the d sweep")]
    [Range(1, 1e6)]
    public int[] Dims { get; init; } = [20, 40, 80, 160, 320, 640];

    [Description("sample count T of the d sweep")]
    [Range(1, 1e10)]
    public long DimSweepSamples { get; init; } = 100_000;

    [Description("sample counts T of the T sweep")]
    [Range(1, 1e10)]
    public long[] Samples { get; init; } = [100, 300, 1000, 3000, 10_000, 30_000, 100_000];

    [Description("memory size d of the T sweep (d >= N makes the T term dominate)")]
    [Range(1, 1e6)]
    public int SampleSweepDim { get; init; } = 4000;

    [Description("independent draws of samples and embeddings per point")]
    [Range(1, 1000)]
    public int Draws { get; init; } = 3;

    [Description("step gamma of the SGD-saturating estimator f_gamma")]
    [Range(0, 1e6)]
    public double SgdGamma { get; init; } = 10;

    [Description("thresholding keeps the P = keep_per_dim * d most frequent seen tokens")]
    [Range(0, 1, MinExclusive = true)]
    public double KeepPerDim { get; init; } = 1.0 / 12;

    [Description("optimiser sweep: N (the authors: 100)")]
    [Range(2, 1e6)]
    public int OptInputs { get; init; } = 100;

    [Description("optimiser sweep: memory sizes d (the authors' table: 10, 50, 100, 1000)")]
    [Range(1, 1e5)]
    public int[] OptDims { get; init; } = [10, 50, 100];

    [Description("optimiser sweep: training samples (single pass; a multiple of every batch size; the authors: 102400)")]
    [Range(1, 1e9)]
    public int OptSamples { get; init; } = 102_400;

    [Description("optimiser sweep: seeds per setting (the authors: 10)")]
    [Range(1, 100)]
    public int OptSeeds { get; init; } = 2;

    [Description("optimiser settings 'model,optimizer,lr,batch,layer_norm' (model: matrix|exponential|learnable; optimizer: sgd|adam)")]
    public string[] OptSettings { get; init; } =
    [
        "matrix,sgd,0.1,1024,false",
        "matrix,adam,0.1,1024,false",
        "matrix,adam,0.1,1024,true",
        "matrix,sgd,100,1024,false",
        "matrix,sgd,1,16,false",
        "learnable,adam,0.1,1024,false",
        "learnable,adam,0.1,1024,true",
    ];

    [Description("heat maps: N, M = classes, d (the paper's figure: N = 10, M = 5, d = 10)")]
    [Range(2, 1000)]
    public int MapInputs { get; init; } = 10;

    [Description("heat maps: memory size d")]
    [Range(1, 1000)]
    public int MapDim { get; init; } = 10;

    [Description("heat maps: sample count T")]
    [Range(1, 1e9)]
    public long MapSamples { get; init; } = 100;

    [Range(0, 1e18)]
    public long Seed { get; init; } = 1;
}
