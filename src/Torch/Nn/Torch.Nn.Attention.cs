using System.Collections.Concurrent;

namespace Trainer.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            private static readonly ConcurrentDictionary<(long L, long S, Device device), Tensor> s_futureMasks = new();

            /// <summary>
            /// Attention written from ops, as PyTorch's reference ("math") implementation:
            /// A = softmax(Q K^T * scale + M) with scale = 1/sqrt(E) by default, then dropout(A) V.
            /// Q (..., L, E), K (..., S, E), V (..., S, Ev) -> (..., L, Ev).
            /// <paramref name="attn_mask"/> is either boolean (true = may attend) or additive (added to the scores);
            /// <paramref name="is_causal"/> lets query i see keys j &lt;= i only (top-left aligned when L != S).
            /// </summary>
            public static Tensor scaled_dot_product_attention(Tensor query, Tensor key, Tensor value, Tensor? attn_mask = null,
                double dropout_p = 0.0, bool is_causal = false, double? scale = null)
            {
                if (is_causal && attn_mask is not null)
                {
                    throw new ArgumentException("pass either attn_mask or is_causal, not both", nameof(attn_mask));
                }

                long L = query.size(-2);
                long S = key.size(-2);
                double s = scale ?? 1.0 / Math.Sqrt(query.size(-1));
                using DisposeScope scope = NewDisposeScope();
                Tensor scores = query.matmul(key.mT) * s; // (..., L, S)
                if (is_causal)
                {
                    scores = scores.masked_fill(FutureMask(L, S, query.device), double.NegativeInfinity);
                }
                else if (attn_mask is not null)
                {
                    scores = attn_mask.dtype == ScalarType.Bool
                        ? scores.masked_fill(attn_mask.logical_not(), double.NegativeInfinity)
                        : scores + attn_mask;
                }

                Tensor attn = scores.softmax(-1); // (..., L, S)
                if (dropout_p > 0)
                {
                    attn = dropout(attn, dropout_p, training: true);
                }

                return scope.MoveToOuter(attn.matmul(value)); // (..., L, Ev)
            }

            /// <summary>
            /// The complement of tril(ones(L, S)): true where key j lies in query i's future (j &gt; i). Cached per size
            /// and device, outside any dispose scope.
            /// </summary>
            private static Tensor FutureMask(long L, long S, Device device) =>
                s_futureMasks.GetOrAdd((L, S, device), k =>
                {
                    using Tensor allowed = ones(new[] { k.L, k.S }, ScalarType.Bool, k.device).tril();
                    return DisposeScope.Detach(allowed.logical_not());
                });
        }
    }
}
