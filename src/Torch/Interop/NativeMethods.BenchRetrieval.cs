using System.Runtime.InteropServices;

namespace Trainer.Torch.Interop;

/// <summary>P/Invoke declaration of native/bench_retrieval.cpp.</summary>
internal static partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial long tt_bench_retrieval_gemm_loop(TensorHandle queries, TensorHandle patterns, long steps, long iters);
}

/// <summary>
/// The matmul floor of a Hopfield retrieval (benchmark workload 4): per update step the two GEMMs of
/// <c>xi_new = softmax(beta xi X^T) X</c> with nothing in between,
/// <code>
///   S = xi X^T    (B, d) x (d, M) -> (B, M)
///   Y = S X       (B, M) x (M, d) -> (B, d)
/// </code>
/// looped inside the C++ shim (no interop per call), each result allocated and freed as a caller's would be.
/// </summary>
public static class RetrievalFloor
{
    /// <summary>Elapsed nanoseconds of <paramref name="iters"/> evaluations of <paramref name="steps"/> GEMM pairs
    /// with queries (B, d) and patterns (M, d).</summary>
    public static long GemmLoopNanoseconds(Tensor queries, Tensor patterns, long steps, long iters) =>
        Native.Check(NativeMethods.tt_bench_retrieval_gemm_loop(queries.Handle, patterns.Handle, steps, iters));
}
