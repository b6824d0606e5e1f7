using Trainer.Torch.Interop;

namespace Trainer.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// Multi-head attention over a packed projection in one native call (and one for its backward):
            /// qkv (B, T, 3D) = [Q | K | V], heads of size hs = D / n_head, per head
            /// Y_h = softmax(Q_h K_h^T * scale + M) V_h with scale = 1/sqrt(hs) by default and M the causal mask
            /// (j &gt; i masked) when <paramref name="is_causal"/>; returns the heads concatenated, (B, T, D).
            /// The same value as splitting qkv, viewing it as (B, nh, T, hs), <see cref="scaled_dot_product_attention"/>
            /// and transposing back, without the copies. Float32 CPU only, no dropout, differentiable once (no double
            /// backward).
            /// </summary>
            public static Tensor fused_attention(Tensor qkv, long n_head, bool is_causal = true, double? scale = null)
            {
                long d = qkv.size(-1) / 3;
                double s = scale ?? 1.0 / Math.Sqrt(d / n_head);
                return Tensor.From(NativeMethods.tt_fused_attention(qkv.Handle, n_head, s, is_causal ? 1 : 0));
            }
        }
    }
}
