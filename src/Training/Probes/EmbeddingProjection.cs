using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Training.Probes;

/// <summary>A 2-D projection of node embeddings.</summary>
/// <param name="X">First principal coordinate per node.</param>
/// <param name="Y">Second principal coordinate per node (0 when d = 1).</param>
/// <param name="ExplainedVariance">Share of the total variance on each of the two axes.</param>
public sealed record Projection2D(double[] X, double[] Y, double[] ExplainedVariance);

/// <summary>
/// PCA by SVD: with the centred embedding E_c = E - 1 mean(E) = U S V^T, the coordinates are the first two columns
/// of U S (= E_c V), and axis k explains S_k^2 / sum S^2 of the variance. Signs follow the SVD (a flip of an axis is
/// the same picture).
/// </summary>
public static class EmbeddingProjection
{
    public static Projection2D Pca(EmbeddingMatrix e)
    {
        int n = e.Rows;
        if (n == 0)
        {
            return new Projection2D([], [], [0, 0]);
        }

        using DisposeScope scope = NewDisposeScope();
        Tensor centred = e.ToTensor() - e.ToTensor().mean(0, keepdim: true); // (n, d)
        var (u, s, _) = linalg.svd(centred, full_matrices: false); // u (n, r), s (r)
        double[] sv = s.contiguous().data<double>();
        Tensor coords = u * s.unsqueeze(0); // (n, r)
        double[] flat = coords.contiguous().data<double>();
        int r = sv.Length;
        double total = sv.Sum(x => x * x);
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = r > 0 ? flat[i * r] : 0;
            y[i] = r > 1 ? flat[(i * r) + 1] : 0;
        }

        double Share(int k) => k < r && total > 0 ? sv[k] * sv[k] / total : 0;
        return new Projection2D(x, y, [Share(0), Share(1)]);
    }
}
