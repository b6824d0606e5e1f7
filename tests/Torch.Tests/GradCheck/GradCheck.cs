using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.GradCheckTests;

/// <summary>
/// Finite-difference gradient check in float64. The output y = f(inputs) is reduced to a scalar
/// s = sum(y * w) with fixed, non-trivial weights w (so every output element matters); the analytic gradient
/// ds/dx from autograd is compared, element by element, with the central difference
/// (s(x + eps e_i) - s(x - eps e_i)) / (2 eps), requiring |analytic - numeric| &lt;= atol + rtol |numeric|.
/// </summary>
public static class GradCheck
{
    public const double Eps = 1e-6;
    public const double Rtol = 1e-5;
    public const double Atol = 1e-7;

    /// <summary>Checks every input's gradient with the default tolerances (eps 1e-6, rtol 1e-5, atol 1e-7).</summary>
    public static void Check(Func<Tensor[], Tensor> f, params Tensor[] inputs) => Check(f, inputs, Eps, Rtol, Atol);

    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, double eps, double rtol, double atol)
    {
        foreach (Tensor x in inputs)
        {
            Assert.True(x.dtype == ScalarType.Float64, $"gradient checks run in float64, got {x.dtype}");
            Assert.True(x.requires_grad && x.is_leaf && x.is_contiguous(), "inputs must be contiguous leaves that require grad");
        }

        using DisposeScope scope = NewDisposeScope();
        Tensor y = f(inputs);
        Tensor w = Weights(y);
        Tensor s = (y * w).sum();
        Tensor?[] analytic = autograd.grad(new[] { s }, inputs, allow_unused: true);
        double largestNumeric = 0;
        for (int k = 0; k < inputs.Length; k++)
        {
            double[] a = analytic[k]?.data<double>() ?? new double[inputs[k].numel()];
            double[] n = Numeric(f, inputs, k, w, eps);
            for (int i = 0; i < n.Length; i++)
            {
                largestNumeric = Math.Max(largestNumeric, Math.Abs(n[i]));
                double err = Math.Abs(a[i] - n[i]);
                if (!(err <= atol + rtol * Math.Abs(n[i])))
                {
                    Assert.Fail($"input {k} [{string.Join(", ", inputs[k].shape)}], element {i}: analytic {a[i]:R} vs " +
                                $"numeric {n[i]:R} (|diff| {err:E3} > {atol} + {rtol} * |numeric|)");
                }
            }
        }

        Assert.True(largestNumeric > 1e-6, "every gradient is zero: the check would pass for any backward");
    }

    /// <summary>w_i = 0.5 + (0.37 i mod 1.3) (shape of y): distinct, positive and exactly reproducible.</summary>
    private static Tensor Weights(Tensor y)
    {
        long n = y.numel();
        var w = new double[n];
        for (long i = 0; i < n; i++)
        {
            w[i] = 0.5 + (0.37 * i % 1.3);
        }

        return tensor(w, y.shape).to(y.dtype);
    }

    private static double[] Numeric(Func<Tensor[], Tensor> f, Tensor[] inputs, int k, Tensor w, double eps)
    {
        var result = new double[inputs[k].numel()];
        using (no_grad())
        {
            for (int i = 0; i < result.Length; i++)
            {
                double original = inputs[k].AsSpan<double>()[i];
                inputs[k].AsSpan<double>()[i] = original + eps;
                double plus = Evaluate(f, inputs, w);
                inputs[k].AsSpan<double>()[i] = original - eps;
                double minus = Evaluate(f, inputs, w);
                inputs[k].AsSpan<double>()[i] = original;
                result[i] = (plus - minus) / (2 * eps);
            }
        }

        return result;
    }

    private static double Evaluate(Func<Tensor[], Tensor> f, Tensor[] inputs, Tensor w)
    {
        using DisposeScope scope = NewDisposeScope();
        return (f(inputs) * w).sum().item<double>();
    }
}
