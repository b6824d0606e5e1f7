using Trainer.Models.Gpt;

namespace Trainer.Models.EnergyTransformer;

/// <summary>
/// Hyper-parameters of <see cref="EnergyTransformerModel"/> (in-context learning of energy functions, digest section
/// 4.2); JSON keys are the snake_case property names. Defaults follow the ICL-EBM code: 3 layers, D = 64, 8 heads,
/// 3 negatives per real point from 10 Langevin steps with gradient clip 10, energy regulariser 1e-3.
/// </summary>
public sealed record EnergyTransformerConfig
{
    /// <summary>Dimension d of each in-context point.</summary>
    public int DataDim { get; init; } = 2;

    /// <summary>Most in-context points T the position table covers.</summary>
    public int BlockSize { get; init; } = 64;

    /// <summary>Transformer blocks L.</summary>
    public int NLayer { get; init; } = 3;

    /// <summary>Attention heads per block.</summary>
    public int NHead { get; init; } = 8;

    /// <summary>Model width D.</summary>
    public int NEmbd { get; init; } = 64;

    /// <summary>Dropout probability in the blocks.</summary>
    public double Dropout { get; init; }

    /// <summary>Biases in the blocks' Linear and LayerNorm layers.</summary>
    public bool Bias { get; init; } = true;

    /// <summary>Langevin negatives ("confabulated" points) per real point, M.</summary>
    public int NegativesPerReal { get; init; } = 3;

    /// <summary>Langevin steps per negative.</summary>
    public int LangevinSteps { get; init; } = 10;

    /// <summary>Langevin noise scale s: x &lt;- x + s N(0, I), then x &lt;- x - (s/2) clamp(grad E).</summary>
    public double NoiseScale { get; init; } = 0.1;

    /// <summary>Each gradient component of the energy is clamped to [-clip, clip] during sampling.</summary>
    public double GradClip { get; init; } = 10;

    /// <summary>c in the loss mean E(real) - mean E(sampled) + c (mean E(real)^2 + mean E(sampled)^2).</summary>
    public double EnergyRegularization { get; init; } = 1e-3;

    /// <summary>Lower end of the uniform start of the Langevin chains (when a batch brings no "initial").</summary>
    public double InitLow { get; init; } = -10;

    /// <summary>Upper end of the uniform start of the Langevin chains.</summary>
    public double InitHigh { get; init; } = 10;

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending key.</summary>
    public void Validate()
    {
        Require(DataDim >= 1, $"data_dim must be >= 1, got {DataDim}");
        Require(NegativesPerReal >= 1, $"negatives_per_real must be >= 1, got {NegativesPerReal}");
        Require(LangevinSteps >= 0, $"langevin_steps must be >= 0, got {LangevinSteps}");
        Require(NoiseScale >= 0, $"noise_scale must be >= 0, got {NoiseScale}");
        Require(GradClip > 0, $"grad_clip must be > 0, got {GradClip}");
        Require(EnergyRegularization >= 0, $"energy_regularization must be >= 0, got {EnergyRegularization}");
        Require(InitHigh >= InitLow, $"init_high ({InitHigh}) must be >= init_low ({InitLow})");
        ToGptConfig().Validate();
    }

    /// <summary>The block hyper-parameters as a <see cref="GptConfig"/> (vocabulary unused).</summary>
    public GptConfig ToGptConfig() => new()
    {
        VocabSize = 1,
        BlockSize = BlockSize,
        NLayer = NLayer,
        NHead = NHead,
        NEmbd = NEmbd,
        Dropout = Dropout,
        Bias = Bias,
    };

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException(message);
        }
    }
}
