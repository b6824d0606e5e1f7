namespace Trainer.Torch;

// torch.nn.utils.clip_grad_norm_ / clip_grad_value_, written as PyTorch 1.13 writes them (same tensor operations, so
// the same float32 rounding).
public static partial class torch
{
    public static partial class nn
    {
        public static partial class utils
        {
            /// <summary>
            /// Scales the gradients of <paramref name="parameters"/> in place so that their joint p-norm
            /// ||(g_1, ..., g_n)||_p is at most <paramref name="max_norm"/>, and returns that norm before clipping.
            /// As PyTorch: total = ||(||g_1||_p, ..., ||g_n||_p)||_p (max |g| for p = infinity), coef =
            /// min(max_norm / (total + 1e-6), 1), each g *= coef (always multiplied, also when coef is 1).
            /// Parameters without a gradient are ignored; with none at all the norm is 0.
            /// </summary>
            public static double clip_grad_norm_(IEnumerable<Tensor> parameters, double max_norm, double norm_type = 2,
                bool error_if_nonfinite = false)
            {
                ArgumentNullException.ThrowIfNull(parameters);
                using DisposeScope scope = NewDisposeScope();
                using GradModeScope noGrad = no_grad();
                List<Tensor> grads = parameters.Select(p => p.grad).OfType<Tensor>().ToList();
                if (grads.Count == 0)
                {
                    return 0;
                }

                Device device = grads[0].device;
                Tensor total;
                if (double.IsPositiveInfinity(norm_type))
                {
                    var norms = grads.Select(g => g.abs().max().to(device)).ToList();
                    total = norms.Count == 1 ? norms[0] : stack(norms).max();
                }
                else
                {
                    var norms = grads.Select(g => FullNorm(g, norm_type).to(device)).ToList();
                    total = FullNorm(stack(norms), norm_type);
                }

                double value = total.item<double>();
                if (error_if_nonfinite && !double.IsFinite(value))
                {
                    throw new TorchException(
                        $"The total norm of order {norm_type} for gradients from `parameters` is non-finite, so it cannot be clipped. " +
                        "To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=false`");
                }

                // Python's `max_norm / t` is `t.reciprocal() * max_norm` in PyTorch 1.13.
                Tensor coef = total.add(1e-6).reciprocal().mul(max_norm).clamp(max: 1.0);
                foreach (Tensor g in grads)
                {
                    g.mul_(coef.to(g.device));
                }

                return value;
            }

            /// <summary>Clips one tensor's gradient by norm.</summary>
            public static double clip_grad_norm_(Tensor parameter, double max_norm, double norm_type = 2) =>
                clip_grad_norm_(new[] { parameter }, max_norm, norm_type);

            /// <summary>Clamps every gradient element to [-clip_value, clip_value] in place.</summary>
            public static void clip_grad_value_(IEnumerable<Tensor> parameters, double clip_value)
            {
                ArgumentNullException.ThrowIfNull(parameters);
                using DisposeScope scope = NewDisposeScope();
                using GradModeScope noGrad = no_grad();
                foreach (Tensor p in parameters)
                {
                    p.grad?.clamp_(-clip_value, clip_value);
                }
            }

            /// <summary>torch.norm(t, p) over all dimensions, the way torch.norm's Python wrapper calls it.</summary>
            private static Tensor FullNorm(Tensor t, double p) =>
                t.norm(p, Enumerable.Range(0, t.ndim).Select(i => (long)i).ToArray());
        }
    }
}
