using Trainer.Torch.Interop;

namespace Trainer.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// torch.nn.init: in-place initialisers, run without autograd, drawing from the global generator in the same
        /// order as PyTorch (so the same seed gives the same weights). Each returns the tensor it filled.
        /// </summary>
        public static class init
        {
            /// <summary>
            /// The recommended gain for a nonlinearity: linear/conv/sigmoid 1, tanh 5/3, relu sqrt 2,
            /// leaky_relu sqrt(2 / (1 + a^2)) (a = <paramref name="param"/>, default 0.01), selu 3/4.
            /// </summary>
            public static double calculate_gain(string nonlinearity, double? param = null)
            {
                switch (nonlinearity)
                {
                    case "linear" or "conv1d" or "conv2d" or "conv3d" or "conv_transpose1d" or "conv_transpose2d"
                        or "conv_transpose3d" or "sigmoid":
                        return 1;
                    case "tanh":
                        return 5.0 / 3;
                    case "relu":
                        return Math.Sqrt(2.0);
                    case "leaky_relu":
                        double slope = param ?? 0.01;
                        return Math.Sqrt(2.0 / (1 + slope * slope));
                    case "selu":
                        return 3.0 / 4;
                    default:
                        throw new ArgumentException($"Unsupported nonlinearity {nonlinearity}", nameof(nonlinearity));
                }
            }

            /// <summary>
            /// (fan_in, fan_out) = (size(1) * r, size(0) * r) with r the product of the dims after the first two
            /// (the receptive field); needs at least 2 dims.
            /// </summary>
            public static (long fan_in, long fan_out) calculate_fan_in_and_fan_out(Tensor tensor)
            {
                long[] s = tensor.shape;
                if (s.Length < 2)
                {
                    throw new ArgumentException("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions", nameof(tensor));
                }

                long receptive = 1;
                for (int i = 2; i < s.Length; i++)
                {
                    receptive *= s[i];
                }

                return (s[1] * receptive, s[0] * receptive);
            }

            /// <summary>U(a, b).</summary>
            public static Tensor uniform_(Tensor tensor, double a = 0, double b = 1)
            {
                Native.Check(NativeMethods.tt_uniform_(tensor.Handle, a, b));
                return tensor;
            }

            /// <summary>N(mean, std^2).</summary>
            public static Tensor normal_(Tensor tensor, double mean = 0, double std = 1)
            {
                Native.Check(NativeMethods.tt_normal_(tensor.Handle, mean, std));
                return tensor;
            }

            /// <summary>N(mean, std^2) restricted to [a, b] (inverse-CDF method, as PyTorch).</summary>
            public static Tensor trunc_normal_(Tensor tensor, double mean = 0, double std = 1, double a = -2, double b = 2)
            {
                Native.Check(NativeMethods.tt_trunc_normal_(tensor.Handle, mean, std, a, b));
                return tensor;
            }

            public static Tensor constant_(Tensor tensor, double val)
            {
                using (no_grad())
                {
                    return tensor.fill_(val);
                }
            }

            public static Tensor zeros_(Tensor tensor) => constant_(tensor, 0);

            public static Tensor ones_(Tensor tensor) => constant_(tensor, 1);

            /// <summary>The identity matrix (2-D tensors only).</summary>
            public static Tensor eye_(Tensor tensor)
            {
                if (tensor.ndim != 2)
                {
                    throw new ArgumentException("Only tensors with 2 dimensions are supported", nameof(tensor));
                }

                using (no_grad())
                using (Tensor e = eye(tensor.size(0), tensor.size(1), tensor.dtype, tensor.device))
                {
                    return tensor.copy_(e);
                }
            }

            /// <summary>Glorot: U(-a, a) with a = gain sqrt(6 / (fan_in + fan_out)).</summary>
            public static Tensor xavier_uniform_(Tensor tensor, double gain = 1)
            {
                var (fanIn, fanOut) = calculate_fan_in_and_fan_out(tensor);
                double a = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
                return uniform_(tensor, -a, a);
            }

            /// <summary>Glorot: N(0, std^2) with std = gain sqrt(2 / (fan_in + fan_out)).</summary>
            public static Tensor xavier_normal_(Tensor tensor, double gain = 1)
            {
                var (fanIn, fanOut) = calculate_fan_in_and_fan_out(tensor);
                return normal_(tensor, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)));
            }

            /// <summary>He: U(-b, b) with b = gain sqrt(3 / fan), gain = calculate_gain(nonlinearity, a).</summary>
            public static Tensor kaiming_uniform_(Tensor tensor, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu")
            {
                if (tensor.numel() == 0)
                {
                    return tensor; // PyTorch: initializing zero-element tensors is a no-op
                }

                double std = KaimingStd(tensor, a, mode, nonlinearity);
                double bound = Math.Sqrt(3.0) * std;
                return uniform_(tensor, -bound, bound);
            }

            /// <summary>He: N(0, std^2) with std = gain / sqrt(fan), gain = calculate_gain(nonlinearity, a).</summary>
            public static Tensor kaiming_normal_(Tensor tensor, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu") =>
                tensor.numel() == 0 ? tensor : normal_(tensor, 0, KaimingStd(tensor, a, mode, nonlinearity));

            /// <summary>A (semi-)orthogonal matrix from the QR decomposition of a normal sample, times gain.</summary>
            public static Tensor orthogonal_(Tensor tensor, double gain = 1)
            {
                Native.Check(NativeMethods.tt_orthogonal_(tensor.Handle, gain));
                return tensor;
            }

            private static double KaimingStd(Tensor tensor, double a, string mode, string nonlinearity)
            {
                var (fanIn, fanOut) = calculate_fan_in_and_fan_out(tensor);
                long fan = mode switch
                {
                    "fan_in" => fanIn,
                    "fan_out" => fanOut,
                    _ => throw new ArgumentException($"Mode {mode} not supported, please use one of fan_in, fan_out", nameof(mode)),
                };
                return calculate_gain(nonlinearity, a) / Math.Sqrt(fan);
            }
        }
    }
}
