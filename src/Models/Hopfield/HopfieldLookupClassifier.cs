using Trainer.Models.Core;
using Trainer.Models.Hopfield.Retrieval;
using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Models.Hopfield;

/// <summary>Configuration of <see cref="HopfieldLookupClassifier"/>.</summary>
public sealed record HopfieldLookupClassifierConfig
{
    /// <summary>Feature dimension d of the inputs.</summary>
    public int InputSize { get; init; } = 8;

    /// <summary>Number of classes C (the output size of the Hopfield layer).</summary>
    public int NumClasses { get; init; } = 4;

    /// <summary>Number of learned stored patterns (memories).</summary>
    public int Quantity { get; init; } = 16;

    /// <summary>Depth of the Hopfield space per head; 0: InputSize / NumHeads.</summary>
    public int HiddenSize { get; init; }

    public int NumHeads { get; init; } = 1;

    /// <summary>beta; null: 1/sqrt(hidden).</summary>
    public double? Scaling { get; init; }

    public int UpdateStepsMax { get; init; }

    public NormalizerKind Normalizer { get; init; } = NormalizerKind.Softmax;

    /// <summary>Separate learned pattern projections (targets) instead of the memories themselves.</summary>
    public bool SeparateTargets { get; init; }

    /// <summary>The <see cref="HopfieldConfig"/> of the lookup layer.</summary>
    public HopfieldConfig ToHopfieldConfig() => new()
    {
        InputSize = InputSize,
        HiddenSize = HiddenSize,
        OutputSize = NumClasses,
        NumHeads = NumHeads,
        Scaling = Scaling,
        UpdateStepsMax = UpdateStepsMax,
        Normalizer = Normalizer,
    };
}

/// <summary>
/// A classifier that is one Hopfield lookup (hopfield-layers' HopfieldLayer, Ramsauer et al. 2021): features
/// x (B, d) are state patterns that retrieve from <c>quantity</c> learned memories, and the output projection maps the
/// retrieved pattern to C logits, logits = W_o (V^T normalizer(beta K xi)) + b_o. Loss: cross-entropy with the
/// int64 class targets. Batch: Input (B, d) float, Target (B) int64.
/// </summary>
public sealed class HopfieldLookupClassifier : ITrainable
{
    public HopfieldLookupClassifier(HopfieldLookupClassifierConfig config)
    {
        Config = config;
        Layer = new HopfieldLayer(config.ToHopfieldConfig(), config.Quantity, config.SeparateTargets);
    }

    public HopfieldLookupClassifierConfig Config { get; }

    public HopfieldLayer Layer { get; }

    public Module Module => Layer;

    /// <summary>Logits (B, C) for features (B, d).</summary>
    public Tensor Logits(Tensor features)
    {
        using Tensor states = features.unsqueeze(1);                           // (B, 1, d)
        using Tensor z = Layer.forward(states);                                // (B, 1, C)
        return z.squeeze(1);
    }

    public Tensor Loss(Batch batch)
    {
        using Tensor logits = Logits(batch.Input);
        return nn.functional.cross_entropy(logits, batch.Target!);
    }

    public IReadOnlyDictionary<string, double> Evaluate(Batch batch)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Tensor logits = Logits(batch.Input);
        double loss = nn.functional.cross_entropy(logits, batch.Target!).item<double>();
        double acc = logits.argmax(1).eq(batch.Target!).to(ScalarType.Float64).mean().item<double>();
        return new Dictionary<string, double> { ["loss"] = loss, ["acc"] = acc };
    }

    public override string ToString() => $"HopfieldLookupClassifier({Layer})";
}
