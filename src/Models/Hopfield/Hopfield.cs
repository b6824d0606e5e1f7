using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Models.Hopfield;

/// <summary>
/// A Hopfield association layer with the semantics of the hopfield-layers library ("Hopfield Networks is All You
/// Need", Ramsauer et al., ICLR 2021; library ml-jku/hopfield-layers, class <c>Hopfield</c>). Given state patterns R
/// (B, L, d_in), stored patterns Y (B, S, d_k) and pattern projections P (B, S, d_v):
/// <code>
///   R, Y, P  &lt;- LayerNorm each (normalize_state_pattern, normalize_stored_pattern, normalize_pattern_projection)
///   per head h:  xi = R W_q,h^T + b_q,h     K = Y W_k,h^T + b_k,h     V = P W_v,h^T + b_v,h
///                (static patterns skip their projection; connected: V = (P W_k^T + b_k) W_v,h^T + b_v,h)
///   A = normalizer(beta_h xi K^T + mask), iterated xi &lt;- A K (see <see cref="HopfieldIteration"/>)
///   Z = concat_h(dropout(A) V) W_o^T + b_o                                       -> (B, L, output_size)
/// </code>
/// With update_steps_max = 0 this is multi-head attention with beta = 1/sqrt(hidden_size). Parameters are drawn
/// as in the library: projections and the output weight N(0, 0.02), biases 0, LayerNorms (1, 0).
/// Differences from the library (deliberate; the library's behaviour looks unintended): per-head scaling multiplies
/// whole heads (the library interleaves the per-head values across features), static patterns are shared by the
/// heads of their own batch element (the library's repeat mixes batch elements when B &gt; 1 and heads &gt; 1), and
/// concat_bias_pattern really appends the bias pattern (the library's condition never does). Projection weights are
/// separate tensors <c>q_proj_weight</c>, <c>k_proj_weight</c>, <c>v_proj_weight</c> (+ <c>*_bias</c>).
/// </summary>
public sealed partial class Hopfield : Module<Tensor, Tensor>
{
    private readonly HopfieldConfig _config;
    private readonly double[] _beta;

    public Hopfield(HopfieldConfig config)
    {
        _config = config;
        Dims = HopfieldDims.Resolve(config);
        _beta = ResolveScaling(config, Dims);
        CreateParameters();
        reset_parameters();
    }

    /// <summary>The configuration this layer was built from.</summary>
    public HopfieldConfig Config => _config;

    /// <summary>Resolved sizes (defaults filled in).</summary>
    public HopfieldDims Dims { get; }

    /// <summary>beta per head.</summary>
    public IReadOnlyList<double> Scaling => _beta;

    public Parameter? q_proj_weight { get; private set; }

    public Parameter? k_proj_weight { get; private set; }

    public Parameter? v_proj_weight { get; private set; }

    public Parameter? q_proj_bias { get; private set; }

    public Parameter? k_proj_bias { get; private set; }

    public Parameter? v_proj_bias { get; private set; }

    /// <summary>Affine weight and bias of the Hopfield-space LayerNorm (hidden_size), or null.</summary>
    public Parameter? p_norm_weight { get; private set; }

    public Parameter? p_norm_bias { get; private set; }

    /// <summary>Learned stored pattern and projection appended with concat_bias_pattern, (1, 1, H hd) and (1, 1, H pd).</summary>
    public Parameter? bias_k { get; private set; }

    public Parameter? bias_v { get; private set; }

    public Linear? out_proj { get; private set; }

    public LayerNorm? norm_stored_pattern { get; private set; }

    public LayerNorm? norm_state_pattern { get; private set; }

    public LayerNorm? norm_pattern_projection { get; private set; }

    /// <summary>Re-draws every parameter as the library does.</summary>
    public void reset_parameters()
    {
        using var _ = no_grad();
        foreach (Parameter? w in new[] { q_proj_weight, k_proj_weight, v_proj_weight, bias_k, bias_v })
        {
            if (w is not null)
            {
                nn.init.normal_(w, 0, 0.02);
            }
        }

        foreach (Parameter? b in new[] { q_proj_bias, k_proj_bias, v_proj_bias, p_norm_bias })
        {
            if (b is not null)
            {
                nn.init.zeros_(b);
            }
        }

        if (p_norm_weight is not null)
        {
            nn.init.ones_(p_norm_weight);
        }

        if (out_proj is not null)
        {
            nn.init.normal_(out_proj.weight, 0, 0.02);
            if (out_proj.bias is not null)
            {
                nn.init.zeros_(out_proj.bias);
            }
        }
    }

    /// <summary>Self-association: the input is state pattern, stored pattern and pattern projection at once.</summary>
    public override Tensor forward(Tensor input) => forward(input, input, input);

    /// <summary>
    /// Associates state patterns with stored patterns and returns the retrieved, projected patterns
    /// (B, L, output_size) (or (L, B, .) without batch_first).
    /// </summary>
    /// <param name="storedPatternPaddingMask">(B, S) bool, true = ignore that stored pattern.</param>
    /// <param name="associationMask">(L, S), (B H, L, S) or (B, H, L, S); bool (true = excluded) or additive float.</param>
    public Tensor forward(Tensor stored, Tensor state, Tensor projection, Tensor? storedPatternPaddingMask = null,
        Tensor? associationMask = null)
    {
        using HopfieldAssociation a = Associate(stored, state, projection, storedPatternPaddingMask, associationMask);
        return a.Output.alias();
    }

    /// <summary>The final association matrix (B, H, L, S), without gradient.</summary>
    public Tensor GetAssociationMatrix(Tensor stored, Tensor state, Tensor projection, Tensor? storedPatternPaddingMask = null,
        Tensor? associationMask = null)
    {
        using var _ = no_grad();
        using HopfieldAssociation a = Associate(stored, state, projection, storedPatternPaddingMask, associationMask);
        return a.Associations.alias();
    }

    /// <summary>The projected patterns V (B, H, S, pattern_size) the association mixes, without gradient.</summary>
    public Tensor GetProjectedPatternMatrix(Tensor stored, Tensor state, Tensor projection, Tensor? storedPatternPaddingMask = null,
        Tensor? associationMask = null)
    {
        using var _ = no_grad();
        using HopfieldAssociation a = Associate(stored, state, projection, storedPatternPaddingMask, associationMask);
        return a.ProjectedPatterns.alias();
    }

    /// <summary>Output, associations and projected patterns in one pass (the caller disposes the result).</summary>
    public HopfieldAssociation Associate(Tensor stored, Tensor state, Tensor projection, Tensor? storedPatternPaddingMask = null,
        Tensor? associationMask = null)
    {
        using var scope = NewDisposeScope();
        if (!_config.BatchFirst)
        {
            (stored, state, projection) = (stored.transpose(0, 1), state.transpose(0, 1), projection.transpose(0, 1));
        }

        Tensor y = Normalize(norm_stored_pattern, stored);
        Tensor r = Normalize(norm_state_pattern, state);
        Tensor p = Normalize(norm_pattern_projection, projection);
        var (q, k, v) = Project(r, y, p);                                   // (B, H, L, hd), (B, H, S, hd), (B, H, S, pd)
        int extra = AppendExtraPatterns(ref k, ref v);                     // bias and zero patterns, (B, H, S', .)
        Tensor? mask = ScoreMask(q, k, extra, storedPatternPaddingMask, associationMask);
        var (a, steps) = HopfieldIteration.Run(q, k, _beta, mask, _config.UpdateStepsMax, _config.UpdateStepsEps, _config.Normalizer);
        Tensor dropped = nn.functional.dropout(a, _config.Dropout, training);
        Tensor o = dropped.matmul(v);                                       // (B, H, L, pd)
        Tensor z = o.permute(0, 2, 1, 3).reshape(o.size(0), o.size(2), -1); // (B, L, H pd)
        if (out_proj is not null)
        {
            z = out_proj.forward(z);                                        // (B, L, output_size)
        }

        z = Activate(z);
        if (!_config.BatchFirst)
        {
            z = z.transpose(0, 1);
        }

        var result = new HopfieldAssociation(z, a, v, steps);
        scope.MoveToOuter(result.Output, result.Associations, result.ProjectedPatterns);
        return result;
    }

    private static Tensor Normalize(LayerNorm? norm, Tensor x) => norm is null ? x : norm.forward(x);

    private Tensor Activate(Tensor z) => _config.AssociationActivation?.ToLowerInvariant() switch
    {
        null or "" or "none" => z,
        "relu" => z.relu(),
        "tanh" => z.tanh(),
        "sigmoid" => z.sigmoid(),
        "gelu" => z.gelu(),
        "silu" => z.silu(),
        string other => throw new ArgumentException($"unknown association_activation '{other}' (relu, tanh, sigmoid, gelu, silu)"),
    };

    private static double[] ResolveScaling(HopfieldConfig config, HopfieldDims dims)
    {
        if (config.ScalingPerHead is { } perHead)
        {
            if (perHead.Length != config.NumHeads)
            {
                throw new ArgumentException($"scaling_per_head has {perHead.Length} values for {config.NumHeads} heads");
            }

            return (double[])perHead.Clone();
        }

        double beta = config.Scaling ?? (config.StaticExecution ? 1.0 : 1.0 / Math.Sqrt(dims.HeadDim));
        return Enumerable.Repeat(beta, config.NumHeads).ToArray();
    }

    protected override string ExtraRepr()
    {
        string beta = _beta.Distinct().Count() == 1 ? _beta[0].ToString("G6") : "[" + string.Join(", ", _beta.Select(b => b.ToString("G6"))) + "]";
        return $"input_size={Dims.InputSize}, hidden_size={Dims.HeadDim}, output_size={Dims.OutputSize}, pattern_size={Dims.PatternDim}, " +
            $"num_heads={_config.NumHeads}, scaling={beta}, update_steps_max={_config.UpdateStepsMax}, " +
            $"update_steps_eps={_config.UpdateStepsEps:G6}, normalizer={_config.Normalizer.ToString().ToLowerInvariant()}";
    }
}

/// <summary>Result of one association: output (B, L, out), final associations A (B, H, L, S), projected patterns V (B, H, S, pd).</summary>
public sealed record HopfieldAssociation(Tensor Output, Tensor Associations, Tensor ProjectedPatterns, int Steps) : IDisposable
{
    public void Dispose()
    {
        Output.Dispose();
        Associations.Dispose();
        ProjectedPatterns.Dispose();
    }
}
