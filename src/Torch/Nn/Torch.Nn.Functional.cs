using Trainer.Torch.Interop;

namespace Trainer.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// torch.nn.functional: stateless layers and losses. Losses take PyTorch's <c>reduction</c> strings
        /// ("mean", "sum", "none") and class targets as int64 tensors.
        /// </summary>
        public static partial class functional
        {
            /// <summary>y = x W^T + b; x (..., in), W (out, in), b (out) or null -> (..., out).</summary>
            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null)
            {
                Tensor r = Tensor.From(NativeMethods.tt_linear(input.Handle, weight.Handle, Tensor.Opt(bias)));
                GC.KeepAlive(bias);
                return r;
            }

            /// <summary>
            /// Rows of <paramref name="weight"/> (V, D) picked by <paramref name="input"/> (int64, any shape) ->
            /// (..., D). The padding row gets no gradient; <paramref name="sparse"/> makes weight's gradient sparse.
            /// </summary>
            public static Tensor embedding(Tensor input, Tensor weight, long? padding_idx = null, bool sparse = false)
            {
                long? p = Nn.Embedding.NormalizePaddingIdx(padding_idx, weight.size(0));
                return Tensor.From(NativeMethods.tt_embedding(weight.Handle, input.Handle, p ?? -1, sparse ? 1 : 0));
            }

            /// <summary>
            /// Cross-entropy of logits (N, C) or (N, C, d...) against class indices (N) or (N, d...):
            /// l_n = -sum_c q_c log softmax(x_n)_c, q = (1 - eps) onehot(y_n) + eps / C (eps = label_smoothing),
            /// weighted by weight[y_n]; targets equal to ignore_index count neither in the sum nor in the mean.
            /// </summary>
            public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100,
                string reduction = "mean", double label_smoothing = 0.0)
            {
                Tensor r = Tensor.From(NativeMethods.tt_cross_entropy(input.Handle, target.Handle, Tensor.Opt(weight),
                    ignore_index, label_smoothing, Reduction(reduction)));
                GC.KeepAlive(weight);
                return r;
            }

            /// <summary>Negative log-likelihood of log-probabilities (N, C, ...) at class indices: l_n = -w_{y_n} x_{n, y_n}.</summary>
            public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100,
                string reduction = "mean")
            {
                Tensor r = Tensor.From(NativeMethods.tt_nll_loss(input.Handle, target.Handle, Tensor.Opt(weight),
                    ignore_index, Reduction(reduction)));
                GC.KeepAlive(weight);
                return r;
            }

            /// <summary>(x - y)^2, reduced.</summary>
            public static Tensor mse_loss(Tensor input, Tensor target, string reduction = "mean") =>
                Tensor.From(NativeMethods.tt_mse_loss(input.Handle, target.Handle, Reduction(reduction)));

            /// <summary>
            /// l = -w [p y log sigma(x) + (1 - y) log(1 - sigma(x))], computed stably from logits x
            /// (p = pos_weight, per class).
            /// </summary>
            public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null,
                string reduction = "mean", Tensor? pos_weight = null)
            {
                Tensor r = Tensor.From(NativeMethods.tt_bce_with_logits(input.Handle, target.Handle, Tensor.Opt(weight),
                    Tensor.Opt(pos_weight), Reduction(reduction)));
                GC.KeepAlive(weight);
                GC.KeepAlive(pos_weight);
                return r;
            }

            /// <summary>(x - E[x]) / sqrt(Var[x] + eps) * weight + bias over the trailing normalized_shape dims.</summary>
            public static unsafe Tensor layer_norm(Tensor input, long[] normalized_shape, Tensor? weight = null, Tensor? bias = null,
                double eps = 1e-5)
            {
                fixed (long* s = normalized_shape)
                {
                    Tensor r = Tensor.From(NativeMethods.tt_layer_norm(input.Handle, s, normalized_shape.Length,
                        Tensor.Opt(weight), Tensor.Opt(bias), eps));
                    GC.KeepAlive(weight);
                    GC.KeepAlive(bias);
                    return r;
                }
            }

            /// <summary>Zeroes elements with probability p and scales the rest by 1/(1 - p) when training; else a copy-free alias.</summary>
            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true)
            {
                if (p < 0 || p > 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(p), p, $"dropout probability has to be between 0 and 1, but got {p}");
                }

                return !training || p == 0 ? input.alias() : Tensor.From(NativeMethods.tt_dropout(input.Handle, p, 1));
            }

            public static Tensor softmax(Tensor input, long dim) => input.softmax(dim);

            public static Tensor log_softmax(Tensor input, long dim) => input.log_softmax(dim);

            public static Tensor gelu(Tensor input, string approximate = "none") => input.gelu(approximate);

            public static Tensor relu(Tensor input) => input.relu();

            public static Tensor silu(Tensor input) => input.silu();

            public static Tensor sigmoid(Tensor input) => input.sigmoid();

            public static Tensor tanh(Tensor input) => input.tanh();

            public static Tensor softplus(Tensor input) => input.softplus();

            public static Tensor logsigmoid(Tensor input) => input.logsigmoid();

            /// <summary>x / max(||x||_p, eps) along <paramref name="dim"/>.</summary>
            public static Tensor normalize(Tensor input, double p = 2.0, long dim = 1, double eps = 1e-12) =>
                Tensor.From(NativeMethods.tt_normalize(input.Handle, p, dim, eps));

            /// <summary>x1 . x2 / max(||x1|| ||x2||, eps) along <paramref name="dim"/> (broadcasting).</summary>
            public static Tensor cosine_similarity(Tensor x1, Tensor x2, long dim = 1, double eps = 1e-8) =>
                torch.cosine_similarity(x1, x2, dim, eps);

            /// <summary>One-hot int64 encoding with <paramref name="num_classes"/> columns (-1: max + 1).</summary>
            public static Tensor one_hot(Tensor tensor, long num_classes = -1) => torch.one_hot(tensor, num_classes);

            /// <summary>
            /// Constant padding: <paramref name="pad"/> lists (left, right) amounts from the last dimension backwards,
            /// as F.pad; negative amounts crop. Only mode "constant" is supported.
            /// </summary>
            public static unsafe Tensor pad(Tensor input, long[] pad, string mode = "constant", double value = 0)
            {
                if (mode != "constant")
                {
                    throw new NotSupportedException($"pad mode '{mode}' is not supported (only 'constant')");
                }

                if (pad.Length % 2 != 0 || pad.Length / 2 > input.ndim)
                {
                    throw new ArgumentException($"padding length {pad.Length} must be even and at most 2 * ndim ({2 * input.ndim})", nameof(pad));
                }

                fixed (long* p = pad)
                {
                    return Tensor.From(NativeMethods.tt_constant_pad_nd(input.Handle, p, pad.Length, value));
                }
            }

            /// <summary>at::Reduction codes: none 0, mean 1, sum 2.</summary>
            internal static int Reduction(string reduction) => reduction switch
            {
                "none" => 0,
                "mean" => 1,
                "sum" => 2,
                _ => throw new ArgumentException($"{reduction} is not a valid value for reduction (none, mean, sum)", nameof(reduction)),
            };
        }
    }
}
