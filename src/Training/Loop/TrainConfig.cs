using Trainer.Training.Config;

namespace Trainer.Training.Loop;

/// <summary>The <c>train</c> section of an experiment config: optimizer, schedule, intervals and stopping rules.</summary>
public sealed record TrainConfig : IValidatable
{
    [Description("Optimizer steps to run (each step may accumulate several micro-batches)")]
    [Range(1, 1e12)]
    public long Steps { get; init; } = 1000;

    [Description("If > 0, run this many epochs instead of `steps` (epoch = the batch source's steps per epoch)")]
    [Range(0, 1e9)]
    public long Epochs { get; init; }

    [Description("Optimizer")]
    [OneOf("adamw", "adam", "sgd")]
    public string Optimizer { get; init; } = "adamw";

    [Description("Peak learning rate")]
    [Range(0, 1e38)]
    public double Lr { get; init; } = 1e-3;

    [Description("Weight decay (decoupled for adamw, L2 for adam and sgd)")]
    [Range(0, 10)]
    public double WeightDecay { get; init; } = 0.01;

    [Description("Adam beta1")]
    [Range(0, 1)]
    public double Beta1 { get; init; } = 0.9;

    [Description("Adam beta2")]
    [Range(0, 1)]
    public double Beta2 { get; init; } = 0.999;

    [Description("Adam epsilon")]
    [Range(0, 1)]
    public double Eps { get; init; } = 1e-8;

    [Description("SGD momentum")]
    [Range(0, 1)]
    public double Momentum { get; init; }

    [Description("Learning-rate schedule after warmup")]
    [OneOf("constant", "cosine", "linear")]
    public string Schedule { get; init; } = "cosine";

    [Description("Linear warmup steps from 0 to lr")]
    [Range(0, 1e12)]
    public long WarmupSteps { get; init; }

    [Description("Final lr as a fraction of lr for cosine and linear schedules (the geometric-memory recipe uses 0.1)")]
    [Range(0, 1)]
    public double MinLrRatio { get; init; } = 0.1;

    [Description("Clip the global gradient norm to this value (0 = off)")]
    [Range(0, 1e9)]
    public double GradClip { get; init; } = 1.0;

    [Description("Micro-batches accumulated per optimizer step")]
    [Range(1, 1e6)]
    public int GradAccum { get; init; } = 1;

    [Description("Evaluate every N steps (0 = only at the end)")]
    [Range(0, 1e12)]
    public long EvalEvery { get; init; } = 200;

    [Description("Write ckpt.safetensors every N steps (0 = only at the end)")]
    [Range(0, 1e12)]
    public long CheckpointEvery { get; init; } = 500;

    [Description("Log train scalars to TensorBoard every N steps")]
    [Range(1, 1e12)]
    public long LogEvery { get; init; } = 10;

    [Description("Log parameter and gradient histograms every N steps (0 = off)")]
    [Range(0, 1e12)]
    public long HistogramEvery { get; init; }

    [Description("Stop early when this eval metric stops improving (e.g. val/loss; empty = off)")]
    public string EarlyStopMetric { get; init; } = "";

    [Description("Evaluations without improvement before stopping early")]
    [Range(1, 1e6)]
    public int EarlyStopPatience { get; init; } = 5;

    [Description("Whether the early-stop metric should go down (min) or up (max)")]
    [OneOf("min", "max")]
    public string EarlyStopMode { get; init; } = "min";

    [Description("Stop after this many minutes of wall time (0 = no limit); a checkpoint is written first")]
    [Range(0, 1e7)]
    public double MaxMinutes { get; init; }

    public IEnumerable<ValidationProblem> Validate()
    {
        if (WarmupSteps > Steps && Epochs == 0)
        {
            yield return new ValidationProblem("warmup_steps", WarmupSteps, $"at most steps ({Steps})");
        }
    }
}
