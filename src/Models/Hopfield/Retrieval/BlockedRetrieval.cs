using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Hopfield.Retrieval;

/// <summary>
/// A fixed number of softmax Hopfield updates (Ramsauer et al. 2021, eq. 3) on a 2-D memory X (M, d), written for
/// speed when M is large; the same maths as iterating <see cref="HopfieldRetrieval.Step"/>:
/// <code>
///   xi_{t+1} = softmax((beta xi_t) X^T) X       xi (B, d), scores (B, M)
/// </code>
/// <see cref="Retrieve"/> runs the fused native kernel <c>torch.nn.functional.hopfield_retrieve</c> (query blocks on
/// the engine's BLAS threads, pattern tiles that stay in L2, the (B, M) scores never written out) whenever it
/// applies: float32 contiguous CPU tensors and no gradient wanted. Otherwise, and on request, it runs
/// <see cref="RetrieveOpByOp"/>, the same updates as libtorch ops. The op-by-op form changes nothing beyond float
/// rounding either: beta scales the states (B d numbers) instead of the scores (B M numbers); the states run in row
/// blocks of at most <see cref="BlockElements"/> / M rows, so each block's score matrix is at most 16 MB (a (1024,
/// 2^16) float matrix would be 256 MB, which the C allocator maps and zeroes afresh on every op); when the scores are
/// bounded well inside float32's range (<see cref="DirectExpIsSafe"/>) the weights are exp(scores) in place and the
/// normalisation divides the (b, d) result instead of the (b, M) weights, which saves softmax's max pass, its second
/// matrix and its division pass; and each step's weights are freed only after the next step's weights exist. The last
/// point keeps the allocator's 16 MB blocks in use: freeing scores and weights together leaves a free top of heap
/// above glibc's trim threshold (twice the largest recent block), so the heap shrinks and every op faults its pages
/// in again (measured: ~3.5 10^5 minor faults per retrieval of 2^16 x 64 patterns and 1024 queries, against ~2 10^4
/// when the previous weights are held). The op-by-op form runs under the caller's autograd mode.
/// </summary>
public static class BlockedRetrieval
{
    /// <summary>Score elements per block: 2^22 floats (16 MB).</summary>
    public const long BlockElements = 1L << 22;

    /// <summary>Rows of states per block for a memory of <paramref name="patterns"/> rows.</summary>
    public static long BlockRows(long patterns) => Math.Max(1, BlockElements / Math.Max(1, patterns));

    /// <summary>Largest |score| for which the weights are exp(score) without subtracting the row maximum.</summary>
    public const double DirectExpBound = 60;

    /// <summary>
    /// True when exp(beta xi . x_i) and the sums over M patterns stay finite in float32 without the max shift:
    /// |beta xi . x_i| &lt;= beta max||xi|| max||x|| &lt;= 60 (Cauchy-Schwarz), and M e^60 max(||x||, 1) &lt; e^85
    /// (float32's largest value is about e^88.7). Softmax is shift-invariant, so the result is the same.
    /// </summary>
    public static bool DirectExpIsSafe(double beta, Tensor states, double patternNorm, long patterns)
    {
        double stateNorm;
        using (Tensor norms = states.norm(2, 1))
        using (Tensor largest = norms.max())
        {
            stateNorm = largest.item<double>();
        }

        return Math.Abs(beta) * stateNorm * patternNorm <= DirectExpBound &&
               Math.Log(Math.Max(1, patterns)) + DirectExpBound + Math.Log(Math.Max(1, patternNorm)) < 85;
    }

    /// <summary>
    /// xi after <paramref name="steps"/> updates from <paramref name="state"/> (B, d); patterns (M, d). Fused
    /// (<see cref="CanFuse"/>) unless <paramref name="fused"/> is false; the fused result has no autograd history.
    /// </summary>
    public static Tensor Retrieve(Tensor patterns, Tensor state, double beta, int steps, bool fused = true)
    {
        CheckArguments(patterns, state, steps);
        if (!fused || !CanFuse(patterns, state))
        {
            return RetrieveOpByOp(patterns, state, beta, steps);
        }

        using DisposeScope scope = NewDisposeScope();
        Tensor result = nn.functional.hopfield_retrieve(patterns.detach(), state.detach(), beta, steps);
        return scope.MoveToOuter(result);
    }

    /// <summary>
    /// True when the fused kernel applies: float32 contiguous CPU tensors, and no gradient wanted (autograd off, or
    /// neither input requires grad).
    /// </summary>
    public static bool CanFuse(Tensor patterns, Tensor state) =>
        patterns.dtype == ScalarType.Float32 && state.dtype == ScalarType.Float32 &&
        patterns.device.Type == DeviceType.CPU && state.device.Type == DeviceType.CPU &&
        patterns.is_contiguous() && state.is_contiguous() &&
        (!is_grad_enabled() || (!patterns.requires_grad && !state.requires_grad));

    /// <summary>The same updates as libtorch ops, query block by query block (see the type's summary).</summary>
    public static Tensor RetrieveOpByOp(Tensor patterns, Tensor state, double beta, int steps)
    {
        CheckArguments(patterns, state, steps);
        using DisposeScope scope = NewDisposeScope();
        Tensor xt = patterns.T;                                                // (d, M)
        long rows = state.size(0), block = BlockRows(patterns.size(0));
        var parts = new List<Tensor>();
        Tensor? held = null;                                                   // the previous step's weights
        double patternNorm;
        using (Tensor norms = patterns.norm(2, 1))
        using (Tensor largest = norms.max())
        {
            patternNorm = largest.item<double>();                             // max_i ||x_i||
        }
        for (long a = 0; a < rows; a += block)
        {
            Tensor xi = state.narrow(0, a, Math.Min(block, rows - a));         // (b, d)
            for (int s = 0; s < steps; s++)
            {
                if (DirectExpIsSafe(beta, xi, patternNorm, patterns.size(0)))
                {
                    Tensor e;                                                  // unnormalised weights exp(beta xi X^T)
                    using (Tensor scaled = xi.mul(beta))                       // (b, d)
                    {
                        e = scaled.matmul(xt).exp_();                          // (b, M), in place: no second matrix
                    }

                    using Tensor z = e.sum(1, keepdim: true);                  // (b, 1)
                    held?.Dispose();
                    held = e;
                    xi = e.matmul(patterns).div_(z);                           // (b, d)
                }
                else
                {
                    Tensor p;
                    using (Tensor scaled = xi.mul(beta))                       // (b, d)
                    using (Tensor scores = scaled.matmul(xt))                  // (b, M)
                    {
                        p = scores.softmax(-1);                                // (b, M)
                    }

                    held?.Dispose();                                           // after the scores, as python frees them
                    held = p;
                    xi = p.matmul(patterns);                                   // (b, d)
                }
            }

            parts.Add(xi);
        }

        held?.Dispose();
        return scope.MoveToOuter(parts.Count == 1 ? parts[0].clone() : cat(parts, 0));
    }

    private static void CheckArguments(Tensor patterns, Tensor state, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        if (patterns.ndim != 2 || state.ndim != 2 || patterns.size(1) != state.size(1))
        {
            throw new ArgumentException(
                $"patterns must be (M, d) and states (B, d); got [{string.Join(", ", patterns.shape)}] and [{string.Join(", ", state.shape)}]");
        }
    }
}
