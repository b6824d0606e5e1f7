using System.Runtime.InteropServices;

namespace Trainer.Torch.Interop;

/// <summary>P/Invoke declarations of native/runtime.cpp.</summary>
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial int tt_manual_seed(ulong seed);
    [LibraryImport(Lib)] internal static partial IntPtr tt_get_rng_state();
    [LibraryImport(Lib)] internal static partial int tt_set_rng_state(TensorHandle state);
    [LibraryImport(Lib)] internal static partial int tt_set_num_threads(int n);
    [LibraryImport(Lib)] internal static partial int tt_get_num_threads();
    [LibraryImport(Lib)] internal static partial int tt_set_num_interop_threads(int n);
    [LibraryImport(Lib)] internal static partial int tt_get_num_interop_threads();
    [LibraryImport(Lib)] internal static partial IntPtr tt_version();
    [LibraryImport(Lib)] internal static partial IntPtr tt_config();
    [LibraryImport(Lib)] internal static partial IntPtr tt_parallel_info();
    [LibraryImport(Lib)] internal static partial IntPtr tt_openblas_config();
    [LibraryImport(Lib)] internal static partial int tt_openblas_set_num_threads(int n);
    [LibraryImport(Lib)] internal static partial int tt_openblas_get_num_threads();
    [LibraryImport(Lib)] internal static partial int tt_cuda_is_available();
    [LibraryImport(Lib)] internal static partial int tt_cuda_device_count();
}
