using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Kernelized;

/// <summary>
/// Separation and metastability metrics of kernelized Hopfield models (paper digest 5.1-5.2). For unit feature
/// vectors Z (M rows) the separation of memory mu is Delta_mu = K(xi_mu, xi_mu) - max_{nu != mu} K(xi_mu, xi_nu)
/// = 1 - max_{nu != mu} cos(Z_mu, Z_nu), so Delta_min = 1 - cos(theta_min) with theta_min the smallest pairwise
/// angle. A query's metastable-state size is the number of memories whose final normaliser weight exceeds a
/// threshold (p &gt; 0 for sparse normalisers, p &gt; 0.01 for softmax in the authors' MNIST script).
/// </summary>
public static class SeparationMetrics
{
    /// <summary>Largest cosine between two different rows of <paramref name="points"/> (M, D) (normalised here).</summary>
    public static double MaxPairwiseCosine(Tensor points)
    {
        if (points.size(0) < 2)
        {
            throw new ArgumentException("need at least two points");
        }

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Tensor z = nn.functional.normalize(points.to(ScalarType.Float64), 2, 1);
        Tensor cos = z.matmul(z.T);
        long m = points.size(0);
        Tensor eye = torch.eye(m, dtype: ScalarType.Bool);
        return cos.masked_fill(eye, double.NegativeInfinity).max().item<double>().Clamp(-1, 1);
    }

    /// <summary>theta_min in radians.</summary>
    public static double MinPairwiseAngle(Tensor points) => Math.Acos(MaxPairwiseCosine(points));

    /// <summary>theta_min in degrees.</summary>
    public static double MinPairwiseAngleDegrees(Tensor points) => MinPairwiseAngle(points) * 180 / Math.PI;

    /// <summary>Delta_min = 1 - cos(theta_min) of the normalised rows.</summary>
    public static double DeltaMin(Tensor points) => 1 - MaxPairwiseCosine(points);

    /// <summary>Delta_mu = 1 - max_{nu != mu} cos(Z_mu, Z_nu) per row, (M) float64.</summary>
    public static Tensor Separations(Tensor points)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Tensor z = nn.functional.normalize(points.to(ScalarType.Float64), 2, 1);
        Tensor cos = z.matmul(z.T).masked_fill(torch.eye(points.size(0), dtype: ScalarType.Bool), double.NegativeInfinity);
        return scope.MoveToOuter(1 - cos.amax(1));
    }

    /// <summary>Per query, the number of weights above <paramref name="threshold"/>: weights (B, M) -> (B) int64.</summary>
    public static Tensor MetastableSizes(Tensor weights, double threshold = 0)
    {
        using Tensor above = weights > threshold;
        return above.sum(1);
    }

    /// <summary>Mean metastable-state size over the queries.</summary>
    public static double MeanMetastableSize(Tensor weights, double threshold = 0)
    {
        using Tensor sizes = MetastableSizes(weights, threshold);
        using Tensor f = sizes.to(ScalarType.Float64);
        using Tensor m = f.mean();
        return m.item<double>();
    }

    private static double Clamp(this double v, double lo, double hi) => Math.Min(hi, Math.Max(lo, v));
}
