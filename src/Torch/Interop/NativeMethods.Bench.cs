using System.Runtime.InteropServices;

namespace Trainer.Torch.Interop;

/// <summary>P/Invoke declarations of native/bench.cpp.</summary>
internal static partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial long tt_bench_add_loop(TensorHandle a, TensorHandle b, long iters);
    [LibraryImport(Lib)] internal static partial long tt_bench_matmul_loop(TensorHandle a, TensorHandle b, long iters);
}

/// <summary>
/// Native floors for the benchmark: the op looped inside the C++ shim, with no interop and no handle per result.
/// The difference between a binding call and its floor is the binding's overhead.
/// </summary>
public static class NativeFloor
{
    /// <summary>Elapsed nanoseconds of <paramref name="iters"/> native evaluations of <c>a + b</c>.</summary>
    public static long AddLoopNanoseconds(Tensor a, Tensor b, long iters) =>
        Native.Check(NativeMethods.tt_bench_add_loop(a.Handle, b.Handle, iters));

    /// <summary>Elapsed nanoseconds of <paramref name="iters"/> native evaluations of <c>a.matmul(b)</c>.</summary>
    public static long MatmulLoopNanoseconds(Tensor a, Tensor b, long iters) =>
        Native.Check(NativeMethods.tt_bench_matmul_loop(a.Handle, b.Handle, iters));
}
