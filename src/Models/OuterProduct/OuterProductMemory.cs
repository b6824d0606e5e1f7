using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.OuterProduct;

/// <summary>Weighted error of a memory: E(f) = sum_x p(x) 1[f(x) != f*(x)], and unweighted head/tail error rates.</summary>
/// <param name="Error">p-weighted error.</param>
/// <param name="ErrorHead">Share of wrong predictions among the first 30 tokens (the most frequent).</param>
/// <param name="ErrorTail">Share of wrong predictions among the last 30 tokens.</param>
public sealed record MemoryError(double Error, double ErrorHead, double ErrorTail);

/// <summary>
/// The outer-product (Hebbian) associative memory of "Scaling Laws for Associative Memories" (digest 1.1):
/// <code>
///   W = sum_x q(x) u_{f*(x)} e_x^T   (d, d),        f_W(x) = argmax_y u_y^T W e_x
/// </code>
/// Scores never need W itself: with V = W^T U^T = E^T (q o G) (d, M), where G = U_f U^T (N, M) holds u_{f*(x)} . u_y,
/// the scores are S = E V (N, M), so building and evaluating cost O(N d M) instead of O(N d^2). Several weightings are
/// evaluated at once by stacking their q as columns of Q (N, K): V becomes (d, K M) and one matmul scores them all.
/// Evaluation runs over the N inputs in row chunks.
/// </summary>
public static class OuterProductMemory
{
    /// <summary>Default rows per evaluation chunk.</summary>
    public const int DefaultChunk = 8192;

    /// <summary>W = sum_x q(x) u_{f(x)} e_x^T = U_f^T diag(q) E, (d, d). labels (N) int64, q (N).</summary>
    public static Tensor Build(MemoryCodebook codebook, Tensor labels, Tensor q)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor uf = codebook.U.index_select(0, labels); // (N, d): u_{f(x)}
        Tensor w = uf.t().matmul(codebook.E.mul(q.to(codebook.E.dtype).unsqueeze(1))); // (d, d)
        return scope.MoveToOuter(w);
    }

    /// <summary>V = W^T U^T for each column of q (N, K) (or q (N) for K = 1), shape (d, K M), block k = columns k M .. k M + M - 1.</summary>
    /// <remarks>Computed as V^T = (Q o G)^T E with the weighted rows laid out (K M, N), the GEMM shape that is cheapest here.</remarks>
    public static Tensor Readout(MemoryCodebook codebook, Tensor labels, Tensor q)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor qt = (q.ndim == 1 ? q.unsqueeze(1) : q).to(codebook.E.dtype).t().contiguous(); // (K, N)
        long n = qt.size(1), k = qt.size(0), m = codebook.Classes;
        Tensor gt = codebook.U.matmul(codebook.U.t()).index_select(1, labels); // (M, N): u_y . u_{f(x)} (U U^T is symmetric)
        Tensor weightedT = qt.unsqueeze(1).mul(gt.unsqueeze(0)).reshape(k * m, n); // (K M, N)
        return scope.MoveToOuter(weightedT.matmul(codebook.E).t().contiguous()); // (d, K M)
    }

    /// <summary>V = W^T U^T for an explicit memory W (d, d): shape (d, M).</summary>
    public static Tensor Readout(Tensor w, Tensor u) => w.t().matmul(u.t());

    /// <summary>Scores S = E V (N, K M), computed in row chunks and concatenated.</summary>
    public static Tensor Scores(Tensor e, Tensor readout, int chunk = DefaultChunk)
    {
        using DisposeScope scope = NewDisposeScope();
        long n = e.size(0);
        var parts = new List<Tensor>();
        for (long a = 0; a < n; a += chunk)
        {
            parts.Add(e.narrow(0, a, Math.Min(chunk, n - a)).matmul(readout));
        }

        return scope.MoveToOuter(cat(parts, 0));
    }

    /// <summary>
    /// Errors of each of the K weightings whose readouts are stacked in <paramref name="readout"/> (d, K M): argmax over
    /// the M classes of E V, compared with labels, weighted by <paramref name="weights"/> (usually p(x), (N)), in one
    /// fused native pass over row tiles of <paramref name="chunk"/> rows (<see cref="nn.functional.outer_product_errors"/>;
    /// S = E V is never materialised for all N). Head/tail: unweighted over the first and last 30 inputs.
    /// </summary>
    public static MemoryError[] Evaluate(Tensor e, Tensor readout, Tensor labels, Tensor weights, int classes, int chunk = DefaultChunk)
    {
        using DisposeScope scope = NewDisposeScope();
        using var noGrad = no_grad();
        long n = e.size(0);
        long edge = Math.Min(30, n);
        Tensor ec = e.to(ScalarType.Float32).contiguous(), v = readout.to(ScalarType.Float32).contiguous();
        Tensor lab = labels.to(ScalarType.Int64);
        double[] error = nn.functional.outer_product_errors(ec, v, lab, weights.to(ScalarType.Float64), classes, chunk).data<double>();
        Tensor uniform = full([edge], 1.0 / edge, ScalarType.Float64);
        double[] head = nn.functional.outer_product_errors(ec.narrow(0, 0, edge), v, lab.narrow(0, 0, edge), uniform, classes, chunk).data<double>();
        double[] tail = nn.functional.outer_product_errors(ec.narrow(0, n - edge, edge), v, lab.narrow(0, n - edge, edge), uniform, classes, chunk).data<double>();
        var result = new MemoryError[error.Length];
        for (int i = 0; i < error.Length; i++)
        {
            result[i] = new MemoryError(error[i], head[i], tail[i]);
        }

        return result;
    }

    /// <summary>Errors of the memories built from each column of q (N, K) (or q (N)), over all inputs, weighted by p (N).</summary>
    public static MemoryError[] Evaluate(MemoryCodebook codebook, Tensor labels, Tensor q, Tensor p, int chunk = DefaultChunk)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor v = Readout(codebook, labels, q);
        return Evaluate(codebook.E, v, labels, p, (int)codebook.Classes, chunk);
    }
}
