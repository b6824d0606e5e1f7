using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Probabilistic;

/// <summary>
/// Normalised self-attention as clustering on the sphere ("Bridging Associative Memory and Probabilistic Modeling",
/// Schaeffer et al., 2024; paper digest 4.1). Tokens x_i (rows of X, (N, d)) are updated together,
/// <code>
///   X &lt;- normalise_rows( softmax_rows(beta X X^T) X )
/// </code>
/// which is mean-shift of a von Mises-Fisher kernel density on the sphere (concentration kappa = beta), so tokens
/// collapse onto cluster centres. With <c>fixedKeys</c> the keys stay the original data (plain vMF mean-shift)
/// instead of moving with the tokens. Clusters are then counted greedily: a point joins the first representative
/// whose cosine with it exceeds the threshold (0.99), else it becomes a new representative.
/// </summary>
public static class AttentionClustering
{
    /// <summary>One update of the tokens (N, d); keys are the tokens themselves unless <paramref name="keys"/> is given.</summary>
    public static Tensor Step(Tensor tokens, double beta, Tensor? keys = null)
    {
        using var scope = NewDisposeScope();
        Tensor k = keys ?? tokens;
        Tensor mixed = (tokens.matmul(k.T) * beta).softmax(1).matmul(k);
        return scope.MoveToOuter(nn.functional.normalize(mixed, 2, 1));
    }

    /// <summary>
    /// Normalises the points, then iterates <see cref="Step"/> <paramref name="steps"/> times (or until no token moves
    /// more than <paramref name="eps"/>); returns the final unit tokens (N, d).
    /// </summary>
    public static Tensor Run(Tensor points, double beta, int steps, bool fixedKeys = false, double eps = 1e-7)
    {
        using var _ = no_grad();
        Tensor x = nn.functional.normalize(points, 2, 1);
        using Tensor keys = x.clone();
        for (int t = 0; t < steps; t++)
        {
            Tensor next = Step(x, beta, fixedKeys ? keys : null);
            using Tensor moved = (next - x).norm(2, 1).max();
            x.Dispose();
            x = next;
            if (moved.item<double>() < eps)
            {
                break;
            }
        }

        return x;
    }

    /// <summary>Greedy cluster labels (N): a point joins the first representative with cosine &gt; threshold.</summary>
    public static int[] Assign(Tensor points, double cosineThreshold = 0.99)
    {
        using Tensor unit = nn.functional.normalize(points.detach().to(ScalarType.Float64), 2, 1);
        long n = unit.size(0);
        int d = (int)unit.size(1);
        using Tensor cpu = unit.cpu();
        double[] x = cpu.data<double>();
        var reps = new List<int>();
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            int label = -1;
            for (int r = 0; r < reps.Count && label < 0; r++)
            {
                if (Dot(x, i, reps[r], d) > cosineThreshold)
                {
                    label = r;
                }
            }

            if (label < 0)
            {
                label = reps.Count;
                reps.Add(i);
            }

            labels[i] = label;
        }

        return labels;
    }

    /// <summary>Number of greedy clusters (see <see cref="Assign"/>).</summary>
    public static int CountClusters(Tensor points, double cosineThreshold = 0.99) =>
        Assign(points, cosineThreshold).DefaultIfEmpty(-1).Max() + 1;

    private static double Dot(double[] x, int i, int j, int d)
    {
        double s = 0;
        for (int k = 0; k < d; k++)
        {
            s += x[i * d + k] * x[j * d + k];
        }

        return s;
    }
}
