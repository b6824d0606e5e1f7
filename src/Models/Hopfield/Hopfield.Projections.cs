using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Models.Hopfield;

// Parameters, projections into the Hopfield space, extra patterns and masks of the Hopfield layer.
public sealed partial class Hopfield
{
    private void CreateParameters()
    {
        HopfieldConfig c = _config;
        HopfieldDims d = Dims;
        long hidden = (long)d.Heads * d.HeadDim;
        long pattern = (long)d.Heads * d.PatternDim;
        if (!c.StatePatternAsStatic)
        {
            q_proj_weight = NewParameter(hidden, d.InputSize);
            q_proj_bias = c.InputBias ? NewParameter(hidden) : null;
        }

        if (!c.StoredPatternAsStatic)
        {
            k_proj_weight = NewParameter(hidden, d.StoredSize);
            k_proj_bias = c.InputBias ? NewParameter(hidden) : null;
        }

        if (!c.PatternProjectionAsStatic)
        {
            v_proj_weight = NewParameter(pattern, c.PatternProjectionAsConnected ? hidden : d.ProjectionSize);
            v_proj_bias = c.InputBias ? NewParameter(pattern) : null;
        }

        if (c.NormalizeHopfieldSpaceAffine)
        {
            p_norm_weight = NewParameter(d.HeadDim);
            p_norm_bias = NewParameter(d.HeadDim);
        }

        if (c.ConcatBiasPattern)
        {
            bias_k = NewParameter(1, 1, hidden);
            bias_v = NewParameter(1, 1, pattern);
        }

        if (!c.DisableOutProjection)
        {
            out_proj = new Linear(pattern, d.OutputSize, c.InputBias);
        }

        norm_stored_pattern = c.NormalizeStoredPattern
            ? Norm(c.StoredPatternAsStatic ? d.HeadDim : d.StoredSize, c.NormalizeStoredPatternEps, c.NormalizeStoredPatternAffine, "stored")
            : null;
        norm_state_pattern = c.NormalizeStatePattern
            ? Norm(c.StatePatternAsStatic ? d.HeadDim : d.InputSize, c.NormalizeStatePatternEps, c.NormalizeStatePatternAffine, "state")
            : null;
        norm_pattern_projection = c.NormalizePatternProjection
            ? Norm(c.PatternProjectionAsStatic ? d.PatternDim : d.ProjectionSize, c.NormalizePatternProjectionEps,
                c.NormalizePatternProjectionAffine, "pattern projection")
            : null;
    }

    private static Parameter NewParameter(params long[] shape)
    {
        using Tensor t = empty(shape);
        return new Parameter(t);
    }

    private static LayerNorm Norm(int size, double eps, bool affine, string what)
    {
        if (size <= 0)
        {
            throw new ArgumentException($"the {what} normalisation needs its size (set hidden_size / pattern_size for static patterns)");
        }

        return new LayerNorm(size, eps, affine);
    }

    // R (B, L, d_in), Y (B, S, d_k), P (B, S, d_v) -> xi (B, H, L, hd), K (B, H, S, hd), V (B, H, S, pd).
    private (Tensor q, Tensor k, Tensor v) Project(Tensor r, Tensor y, Tensor p)
    {
        HopfieldConfig c = _config;
        int heads = Dims.Heads;
        Tensor q = c.StatePatternAsStatic ? Share(r, heads) : Split(nn.functional.linear(r, q_proj_weight!, q_proj_bias), heads);
        Tensor k = c.StoredPatternAsStatic ? Share(y, heads) : Split(nn.functional.linear(y, k_proj_weight!, k_proj_bias), heads);
        Tensor v;
        if (c.PatternProjectionAsConnected)
        {
            Tensor viaKeys = nn.functional.linear(p, k_proj_weight!, k_proj_bias);          // (B, S, H hd)
            v = Split(c.PatternProjectionAsStatic ? viaKeys : nn.functional.linear(viaKeys, v_proj_weight!, v_proj_bias), heads);
        }
        else
        {
            v = c.PatternProjectionAsStatic ? Share(p, heads) : Split(nn.functional.linear(p, v_proj_weight!, v_proj_bias), heads);
        }

        if (c.NormalizeHopfieldSpace)
        {
            long[] shape = { q.size(-1) };
            q = nn.functional.layer_norm(q, shape, p_norm_weight, p_norm_bias, c.NormalizeHopfieldSpaceEps);
            k = nn.functional.layer_norm(k, shape, p_norm_weight, p_norm_bias, c.NormalizeHopfieldSpaceEps);
        }

        if (q.size(-1) != k.size(-1))
        {
            throw new ArgumentException($"state patterns ({q.size(-1)}) and stored patterns ({k.size(-1)}) differ in the Hopfield space");
        }

        return (q, k, v);
    }

    // (B, N, H e) -> (B, H, N, e)
    private static Tensor Split(Tensor x, int heads) =>
        x.reshape(x.size(0), x.size(1), heads, x.size(2) / heads).permute(0, 2, 1, 3);

    // Static patterns (B, N, e): the same for every head of a batch element -> (B, H, N, e)
    private static Tensor Share(Tensor x, int heads) =>
        x.unsqueeze(1).expand(x.size(0), heads, x.size(1), x.size(2));

    // Appends the learned bias pattern (concat_bias_pattern) and a zero pattern (add_zero_association) to K and V.
    private int AppendExtraPatterns(ref Tensor k, ref Tensor v)
    {
        int extra = 0;
        long b = k.size(0), heads = k.size(1);
        if (bias_k is not null && bias_v is not null)
        {
            Tensor bk = bias_k.view(1, heads, 1, -1).expand(b, heads, 1, k.size(3));
            Tensor bv = bias_v.view(1, heads, 1, -1).expand(b, heads, 1, v.size(3));
            k = cat(new[] { k, bk }, 2);
            v = cat(new[] { v, bv }, 2);
            extra++;
        }

        if (_config.AddZeroAssociation)
        {
            k = cat(new[] { k, zeros(new[] { b, heads, 1, k.size(3) }, k.dtype, k.device) }, 2);
            v = cat(new[] { v, zeros(new[] { b, heads, 1, v.size(3) }, v.dtype, v.device) }, 2);
            extra++;
        }

        return extra;
    }

    // The combined score mask broadcastable to (B, H, L, S + extra): bool (true = excluded) or additive float.
    private static Tensor? ScoreMask(Tensor q, Tensor k, int extra, Tensor? padding, Tensor? association)
    {
        long b = q.size(0), heads = q.size(1), l = q.size(2), s = k.size(2);
        var masks = new List<Tensor>();
        if (padding is not null)
        {
            Tensor pm = PadColumns(padding, extra).view(b, 1, 1, s);
            masks.Add(pm);
        }

        if (association is not null)
        {
            Tensor am = PadColumns(association, extra);
            masks.Add(am.ndim switch
            {
                2 => am.view(1, 1, l, s),
                3 => am.reshape(b, heads, l, s),
                4 => am,
                _ => throw new ArgumentException($"association mask must be 2-, 3- or 4-D, got {am.ndim}-D"),
            });
        }

        if (masks.Count == 0)
        {
            return null;
        }

        if (masks.TrueForAll(m => m.dtype == ScalarType.Bool))
        {
            return masks.Count == 1 ? masks[0] : masks[0] | masks[1];
        }

        Tensor total = zeros(new long[] { 1 }, q.dtype, q.device);
        foreach (Tensor m in masks)
        {
            total = total + (m.dtype == ScalarType.Bool ? zeros_like(m).to(q.dtype).masked_fill(m, double.NegativeInfinity) : m.to(q.dtype));
        }

        return total;
    }

    private static Tensor PadColumns(Tensor mask, int extra) =>
        extra == 0 ? mask : mask.dtype == ScalarType.Bool
            ? nn.functional.pad(mask.to(ScalarType.Byte), new long[] { 0, extra }).to(ScalarType.Bool)
            : nn.functional.pad(mask, new long[] { 0, extra });
}
