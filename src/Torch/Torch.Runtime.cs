using Trainer.Torch.Interop;

namespace Trainer.Torch;

public static partial class torch
{
    /// <summary>Seeds the global generator; the same seed gives the same randn/rand/randint as PyTorch's.</summary>
    public static void manual_seed(ulong seed) => Native.Check(NativeMethods.tt_manual_seed(seed));

    /// <summary>The global CPU generator's state (a uint8 tensor), for checkpoints.</summary>
    public static Tensor get_rng_state() => Tensor.From(NativeMethods.tt_get_rng_state());

    public static void set_rng_state(Tensor state) => Native.Check(NativeMethods.tt_set_rng_state(state.Handle));

    /// <summary>libtorch's intra-op (OpenMP) threads. OpenBLAS keeps its own pool: see <see cref="Runtime"/>.</summary>
    public static void set_num_threads(int n) => Native.Check(NativeMethods.tt_set_num_threads(n));

    public static int get_num_threads() => Native.Check(NativeMethods.tt_get_num_threads());

    public static void set_num_interop_threads(int n) => Native.Check(NativeMethods.tt_set_num_interop_threads(n));

    public static int get_num_interop_threads() => Native.Check(NativeMethods.tt_get_num_interop_threads());

    /// <summary>libtorch's version string, e.g. "1.13.1".</summary>
    public static string __version__ => Native.TakeString(NativeMethods.tt_version());

    public static class cuda
    {
        /// <summary>True when libtorch was built with CUDA and a device is visible (never with Debian's CPU build).</summary>
        public static bool is_available() => NativeMethods.tt_cuda_is_available() != 0;

        public static int device_count() => NativeMethods.tt_cuda_device_count();
    }

    public static class backends
    {
        /// <summary>at::show_config(): how libtorch was built (BLAS, LAPACK, OpenMP, CUDA).</summary>
        public static string config => Native.TakeString(NativeMethods.tt_config());

        /// <summary>at::get_parallel_info(): thread settings in effect.</summary>
        public static string parallel_info => Native.TakeString(NativeMethods.tt_parallel_info());
    }
}
