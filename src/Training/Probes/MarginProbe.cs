using Trainer.Data.Graphs;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Training.Probes;

/// <summary>Result of <see cref="MarginProbe"/>.</summary>
/// <param name="MarginW">Mean edge margin of S = E W E^T.</param>
/// <param name="MarginWPrime">Mean edge margin of S' = E W' E^T.</param>
/// <param name="Top1W">Top-1 edge accuracy of S (self excluded).</param>
/// <param name="Top1WPrime">Top-1 edge accuracy of S' (self excluded).</param>
/// <param name="Lambda">λ = diag(V^T W V), one per right singular vector of E (singular values descending).</param>
/// <param name="SingularValues">Singular values of E, descending.</param>
public sealed record MarginResult(double MarginW, double MarginWPrime, double Top1W, double Top1WPrime, double[] Lambda, double[] SingularValues);

/// <summary>
/// Margin diagnostics for models that score w after u by the bilinear form S[u, w] = e_u^T W e_w (paper section 3.4;
/// for the edge network e_w . (W_fc e_u + b) the bilinear part is W = W_fc^T, the bias is left out): with the SVD
/// E = U S V^T (reduced), λ = diag(V^T W V) and W' = V diag(λ) V^T keeps only W's action along E's own principal
/// directions. The edge margin of a score matrix is mean_u [max_{v in N(u)} S[u, v] - max_{w not in N(u), w != u} S[u, w]]
/// over nodes with both neighbours and non-neighbours; a positive margin means every node ranks a neighbour first.
/// If W' keeps the margin, the memory lives in E's geometry (a spectral readout), not in W's off-diagonal couplings.
/// </summary>
public static class MarginProbe
{
    /// <summary>Runs the diagnostics for E (n, d) and W (d, d) row-major.</summary>
    public static MarginResult Run(EmbeddingMatrix e, ReadOnlySpan<double> w, Graph graph)
    {
        var (wPrime, lambda, singular) = Diagonalised(e, w);
        ScoreMatrix s = ScoreMatrix.FromBilinear(e, w, excludesSelf: true);
        ScoreMatrix sPrime = ScoreMatrix.FromBilinear(e, wPrime, excludesSelf: true);
        return new MarginResult(EdgeMargin(s, graph), EdgeMargin(sPrime, graph), Top1(s, graph), Top1(sPrime, graph), lambda, singular);
    }

    /// <summary>W' = V diag(diag(V^T W V)) V^T (row-major d x d), λ and the singular values of E.</summary>
    public static (double[] WPrime, double[] Lambda, double[] SingularValues) Diagonalised(EmbeddingMatrix e, ReadOnlySpan<double> w)
    {
        int d = e.Cols;
        if (w.Length != d * d)
        {
            throw new ArgumentException($"W must be ({d}, {d}); got {w.Length} values");
        }

        using DisposeScope scope = NewDisposeScope();
        Tensor emb = e.ToTensor(); // (n, d)
        Tensor wt = tensor(w.ToArray(), new long[] { d, d }, ScalarType.Float64);
        var (_, sv, vh) = linalg.svd(emb, full_matrices: false); // vh (r, d)
        Tensor v = vh.transpose(0, 1); // (d, r)
        Tensor lambda = v.transpose(0, 1).matmul(wt).matmul(v).diagonal(); // (r)
        Tensor wPrime = v.matmul(lambda.unsqueeze(1) * v.transpose(0, 1)); // (d, d) = V diag(λ) V^T
        return (wPrime.contiguous().data<double>(), lambda.contiguous().data<double>(), sv.contiguous().data<double>());
    }

    /// <summary>mean_u [best neighbour score - best non-neighbour score], self excluded; NaN when no node qualifies.</summary>
    public static double EdgeMargin(ScoreMatrix s, Graph graph)
    {
        double sum = 0;
        int count = 0;
        for (int u = 0; u < graph.NodeCount; u++)
        {
            double bestIn = double.NegativeInfinity;
            double bestOut = double.NegativeInfinity;
            ReadOnlySpan<float> row = s.Row(u);
            for (int w = 0; w < graph.NodeCount; w++)
            {
                if (w == u)
                {
                    continue;
                }

                if (graph.HasEdge(u, w))
                {
                    bestIn = Math.Max(bestIn, row[w]);
                }
                else
                {
                    bestOut = Math.Max(bestOut, row[w]);
                }
            }

            if (!double.IsNegativeInfinity(bestIn) && !double.IsNegativeInfinity(bestOut))
            {
                sum += bestIn - bestOut;
                count++;
            }
        }

        return count > 0 ? sum / count : double.NaN;
    }

    private static double Top1(ScoreMatrix s, Graph graph) =>
        new EdgeRecoveryProbe(new EdgeRecoveryConfig { K = 1 }).Run(s, graph).Top1Accuracy;
}
