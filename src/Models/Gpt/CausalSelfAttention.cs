using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Models.Gpt;

/// <summary>
/// Multi-head causal self-attention as nanoGPT: one fused projection [Q K V] = x W_attn^T + b (<c>c_attn</c>), heads of
/// size hs = D / n_head, then
/// <code>
///   softmax:  Y_h = softmax(Q_h K_h^T / sqrt(hs) + M) V_h
///   hopfield: Y_h = HopfieldAssociation(xi = Q_h, K_h, V_h, beta, steps)      (see <see cref="HopfieldAssociation"/>)
/// </code>
/// with M the causal mask, and the output projection <c>c_proj</c> over the concatenated heads.
/// </summary>
public sealed class CausalSelfAttention : Module<Tensor, Tensor>
{
    private readonly GptConfig _config;

    public CausalSelfAttention(GptConfig config)
    {
        _config = config;
        c_attn = new Linear(config.NEmbd, 3 * config.NEmbd, bias: config.Bias);
        c_proj = new Linear(config.NEmbd, config.NEmbd, bias: config.Bias);
        attn_dropout = new Dropout(config.Dropout);
        resid_dropout = new Dropout(config.Dropout);
    }

    /// <summary>Fused Q, K, V projection, weight (3D, D).</summary>
    public Linear c_attn { get; }

    /// <summary>Output projection, weight (D, D).</summary>
    public Linear c_proj { get; }

    public Dropout attn_dropout { get; }

    public Dropout resid_dropout { get; }

    /// <summary>beta of the association: the configured one, or 1/sqrt(hs).</summary>
    public double Beta => _config.HopfieldBeta ?? 1.0 / Math.Sqrt(_config.HeadDim);

    // x: (B, T, D) -> (B, T, D), causal.
    public override Tensor forward(Tensor input) => forward(input, null);

    /// <summary>
    /// x (B, T, D) -> (B, T, D). <paramref name="allowed"/> (T, T) or (B, 1, T, T) boolean, true where query i may
    /// attend key j, replaces the causal mask (null: causal).
    /// </summary>
    public Tensor forward(Tensor x, Tensor? allowed)
    {
        using DisposeScope scope = NewDisposeScope();
        long b = x.size(0), t = x.size(1), d = x.size(2);
        long nh = _config.NHead, hs = d / nh;
        double p = training ? _config.Dropout : 0;
        if (CanFuse(x, allowed, p))
        {
            // The same softmax attention in one native call over the packed [Q K V], heads concatenated: (B, T, D).
            Tensor fused = nn.functional.fused_attention(c_attn.call(x), nh, is_causal: true);
            return scope.MoveToOuter(resid_dropout.call(c_proj.call(fused)));
        }

        Tensor[] qkv = c_attn.call(x).split(d, dim: 2); // 3 x (B, T, D)
        Tensor q = qkv[0].view(b, t, nh, hs).transpose(1, 2); // (B, nh, T, hs)
        Tensor k = qkv[1].view(b, t, nh, hs).transpose(1, 2); // (B, nh, T, hs)
        Tensor v = qkv[2].view(b, t, nh, hs).transpose(1, 2); // (B, nh, T, hs)
        Tensor y = _config.Attention == "hopfield"
            ? HopfieldAssociation.Associate(q, k, v, Beta, _config.HopfieldSteps,
                allowed ?? HopfieldAssociation.CausalAllowed(t, t, x.device), p)
            : nn.functional.scaled_dot_product_attention(q, k, v, allowed, p, is_causal: allowed is null);
        y = y.transpose(1, 2).contiguous().view(b, t, d); // (B, T, D)
        return scope.MoveToOuter(resid_dropout.call(c_proj.call(y)));
    }

    /// <summary>
    /// Whether the fused kernel (<see cref="nn.functional.fused_attention"/>) computes this call: softmax attention,
    /// causal, no attention dropout, float32 on the CPU; otherwise the op-by-op path runs.
    /// </summary>
    private bool CanFuse(Tensor x, Tensor? allowed, double p) =>
        FusedAttention && _config.Attention == "softmax" && allowed is null && p == 0 &&
        x.dtype == ScalarType.Float32 && x.device.Type == DeviceType.CPU;

    /// <summary>Use the fused native attention where it applies (default true); false always runs the op-by-op path.</summary>
    public bool FusedAttention { get; set; } = true;

    protected override string ExtraRepr() => _config.Attention == "hopfield"
        ? $"n_head={_config.NHead}, attention=hopfield, beta={Beta:G6}, steps={_config.HopfieldSteps}"
        : $"n_head={_config.NHead}, attention=softmax";
}
