using Trainer.Torch;

namespace Trainer.Models.Tests.Gpt;

/// <summary>Tensor comparisons for the model tests.</summary>
internal static class TensorAssert
{
    /// <summary>max |a - b| over all elements (shapes must match), computed in float64.</summary>
    public static double MaxAbsDiff(Tensor a, Tensor b)
    {
        Assert.Equal(b.shape, a.shape);
        if (a.numel() == 0)
        {
            return 0;
        }

        using Tensor a64 = a.detach().to(ScalarType.Float64);
        using Tensor b64 = b.detach().to(ScalarType.Float64);
        using Tensor diff = a64 - b64;
        using Tensor abs = diff.abs();
        using Tensor max = abs.max();
        return max.item<double>();
    }

    /// <summary>max |a| over all elements (0 for an empty tensor).</summary>
    public static double MaxAbs(Tensor a)
    {
        using Tensor zeros = torch.zeros_like(a);
        return MaxAbsDiff(a, zeros);
    }

    /// <summary>Asserts max |a - b| &lt;= tol, naming <paramref name="what"/> in the failure.</summary>
    public static void Close(Tensor expected, Tensor actual, double tol, string what)
    {
        double d = MaxAbsDiff(actual, expected);
        Assert.True(d <= tol, $"{what}: max |diff| = {d:G3} > {tol:G3}");
    }
}
