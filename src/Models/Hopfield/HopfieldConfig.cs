using Trainer.Models.Hopfield.Retrieval;

namespace Trainer.Models.Hopfield;

/// <summary>
/// Hyper-parameters of a <see cref="Hopfield"/> association, named as in the hopfield-layers library (ml-jku,
/// "Hopfield Networks is All You Need"); sizes left at 0 take the library's defaults. Symbols: state patterns R
/// (queries, (B, L, InputSize)), stored patterns Y (keys, (B, S, StoredPatternSize)), pattern projections
/// (values, (B, S, PatternProjectionSize)); per head, the Hopfield space has HiddenSize dims and the retrieved
/// patterns PatternSize dims.
/// </summary>
public sealed record HopfieldConfig
{
    /// <summary>Depth of the state patterns (input). Required unless every pattern is static.</summary>
    public int InputSize { get; init; }

    /// <summary>Depth of the association (Hopfield) space per head; 0: InputSize / NumHeads.</summary>
    public int HiddenSize { get; init; }

    /// <summary>Depth of the output projection; 0: InputSize.</summary>
    public int OutputSize { get; init; }

    /// <summary>Depth of the projected patterns per head; 0: HiddenSize.</summary>
    public int PatternSize { get; init; }

    /// <summary>Parallel association heads.</summary>
    public int NumHeads { get; init; } = 1;

    /// <summary>beta, the same for every head; null: 1/sqrt(HiddenSize) (1 when everything is static).</summary>
    public double? Scaling { get; init; }

    /// <summary>beta per head (length NumHeads); overrides <see cref="Scaling"/>.</summary>
    public double[]? ScalingPerHead { get; init; }

    /// <summary>Maximum number of state updates after the first association (0: one association, as attention; negative: until converged).</summary>
    public int UpdateStepsMax { get; init; }

    /// <summary>A head stops updating when the Frobenius norm of its association change (max over the batch) is at most this.</summary>
    public double UpdateStepsEps { get; init; } = 1e-4;

    /// <summary>Normaliser of the association (softmax in the library; 1.5-entmax and sparsemax as sparse Hopfield models).</summary>
    public NormalizerKind Normalizer { get; init; } = NormalizerKind.Softmax;

    public bool NormalizeStoredPattern { get; init; } = true;

    public bool NormalizeStoredPatternAffine { get; init; } = true;

    public double NormalizeStoredPatternEps { get; init; } = 1e-5;

    public bool NormalizeStatePattern { get; init; } = true;

    public bool NormalizeStatePatternAffine { get; init; } = true;

    public double NormalizeStatePatternEps { get; init; } = 1e-5;

    public bool NormalizePatternProjection { get; init; } = true;

    public bool NormalizePatternProjectionAffine { get; init; } = true;

    public double NormalizePatternProjectionEps { get; init; } = 1e-5;

    /// <summary>LayerNorm of the projected state and stored patterns inside the Hopfield space (per head, over HiddenSize).</summary>
    public bool NormalizeHopfieldSpace { get; init; }

    public bool NormalizeHopfieldSpaceAffine { get; init; }

    public double NormalizeHopfieldSpaceEps { get; init; } = 1e-5;

    /// <summary>Use the stored patterns as keys without projection (they must have HiddenSize dims; shared by all heads).</summary>
    public bool StoredPatternAsStatic { get; init; }

    /// <summary>Use the state patterns as queries without projection (HiddenSize dims).</summary>
    public bool StatePatternAsStatic { get; init; }

    /// <summary>Use the pattern projections as values without projection (PatternSize dims).</summary>
    public bool PatternProjectionAsStatic { get; init; }

    /// <summary>Values go through the key projection first: V = (P W_k^T + b_k) W_v^T + b_v.</summary>
    public bool PatternProjectionAsConnected { get; init; }

    /// <summary>Depth of the stored patterns; 0: InputSize.</summary>
    public int StoredPatternSize { get; init; }

    /// <summary>Depth of the pattern projections; 0: InputSize.</summary>
    public int PatternProjectionSize { get; init; }

    /// <summary>Inputs are (B, L, d) when true, (L, B, d) when false.</summary>
    public bool BatchFirst { get; init; } = true;

    /// <summary>Optional element-wise activation on the output: relu, tanh, sigmoid, gelu, silu; null for none.</summary>
    public string? AssociationActivation { get; init; }

    /// <summary>Dropout on the association matrix (after the last update).</summary>
    public double Dropout { get; init; }

    /// <summary>Biases in the input projections (and the output projection).</summary>
    public bool InputBias { get; init; } = true;

    /// <summary>Appends a learned stored pattern and pattern projection (one per head) to every memory.</summary>
    public bool ConcatBiasPattern { get; init; }

    /// <summary>Appends an all-zero stored pattern and projection to every memory.</summary>
    public bool AddZeroAssociation { get; init; }

    /// <summary>Returns the concatenated heads without the output projection.</summary>
    public bool DisableOutProjection { get; init; }

    /// <summary>True when no pattern is projected and nothing is learned (pure retrieval with beta defaulting to 1).</summary>
    public bool StaticExecution =>
        StoredPatternAsStatic && StatePatternAsStatic && PatternProjectionAsStatic && !PatternProjectionAsConnected &&
        !NormalizeHopfieldSpace && !NormalizeHopfieldSpaceAffine && DisableOutProjection;
}
