using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Trainer.Torch.Interop;

/// <summary>P/Invoke declarations of native/bench.cpp, and raw-pointer views of two ops for the cost breakdown.</summary>
internal static partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial long tt_bench_add_loop(TensorHandle a, TensorHandle b, long iters);
    [LibraryImport(Lib)] internal static partial long tt_bench_matmul_loop(TensorHandle a, TensorHandle b, long iters);

    // The same entry points as tt_binary/tt_free, with raw pointers (no SafeHandle reference counting).
    [LibraryImport(Lib, EntryPoint = "tt_binary")] internal static partial IntPtr tt_binary_raw(int op, IntPtr a, IntPtr b);
    [LibraryImport(Lib, EntryPoint = "tt_free")] internal static partial void tt_free_raw(IntPtr t);
}

/// <summary>
/// Native floors for the benchmark, and the layers between a floor and a binding call. For <c>c = a + b</c>:
/// <list type="number">
/// <item>floor: the op looped inside the C++ shim (no interop, no handle per result);</item>
/// <item>raw P/Invoke: one call with raw pointers that returns a heap <c>at::Tensor*</c>, then one call to free it;</item>
/// <item>SafeHandle P/Invoke: the same with the binding's <c>TensorHandle</c> arguments (reference counted);</item>
/// <item>handle per result: also wraps each result in a <c>TensorHandle</c> (a finalizable object) and disposes it;</item>
/// <item>the binding: <c>using var c = a + b</c> (also a <see cref="Tensor"/> and its handle object, scope registration).</item>
/// </list>
/// The difference between the binding and the floor is the binding's overhead.
/// </summary>
public static class NativeFloor
{
    /// <summary>Elapsed nanoseconds of <paramref name="iters"/> native evaluations of <c>a + b</c>.</summary>
    public static long AddLoopNanoseconds(Tensor a, Tensor b, long iters) =>
        Native.Check(NativeMethods.tt_bench_add_loop(a.Handle, b.Handle, iters));

    /// <summary>Elapsed nanoseconds of <paramref name="iters"/> native evaluations of <c>a.matmul(b)</c>.</summary>
    public static long MatmulLoopNanoseconds(Tensor a, Tensor b, long iters) =>
        Native.Check(NativeMethods.tt_bench_matmul_loop(a.Handle, b.Handle, iters));

    /// <summary>Elapsed nanoseconds of <paramref name="iters"/> raw-pointer P/Invoke calls of <c>a + b</c> and frees.</summary>
    public static long RawInteropAddNanoseconds(Tensor a, Tensor b, long iters)
    {
        bool addedA = false, addedB = false;
        try
        {
            a.Handle.DangerousAddRef(ref addedA);
            b.Handle.DangerousAddRef(ref addedB);
            IntPtr pa = a.Handle.DangerousGetHandle();
            IntPtr pb = b.Handle.DangerousGetHandle();
            long start = Stopwatch.GetTimestamp();
            for (long i = 0; i < iters; i++)
            {
                NativeMethods.tt_free_raw(Native.Check(NativeMethods.tt_binary_raw((int)BinaryOp.Add, pa, pb)));
            }

            return (long)Stopwatch.GetElapsedTime(start).TotalNanoseconds;
        }
        finally
        {
            if (addedA) a.Handle.DangerousRelease();
            if (addedB) b.Handle.DangerousRelease();
        }
    }

    /// <summary>Elapsed nanoseconds of <paramref name="iters"/> SafeHandle P/Invoke calls of <c>a + b</c> and frees
    /// (no <see cref="Tensor"/> object per result).</summary>
    public static long SafeHandleInteropAddNanoseconds(Tensor a, Tensor b, long iters)
    {
        long start = Stopwatch.GetTimestamp();
        for (long i = 0; i < iters; i++)
        {
            NativeMethods.tt_free_raw(Native.Check(NativeMethods.tt_binary((int)BinaryOp.Add, a.Handle, b.Handle)));
        }

        return (long)Stopwatch.GetElapsedTime(start).TotalNanoseconds;
    }

    /// <summary>Elapsed nanoseconds of <paramref name="iters"/> SafeHandle P/Invoke calls of <c>a + b</c>, each result
    /// wrapped in a <c>TensorHandle</c> and disposed (no <see cref="Tensor"/> object, no scope).</summary>
    public static long HandlePerResultAddNanoseconds(Tensor a, Tensor b, long iters)
    {
        long start = Stopwatch.GetTimestamp();
        for (long i = 0; i < iters; i++)
        {
            using var c = new TensorHandle(Native.Check(NativeMethods.tt_binary((int)BinaryOp.Add, a.Handle, b.Handle)));
        }

        return (long)Stopwatch.GetElapsedTime(start).TotalNanoseconds;
    }
}
