using System.Runtime.InteropServices;

namespace Trainer.Torch.Interop;

/// <summary>P/Invoke declarations of native/nn_extra.cpp.</summary>
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial int tt_trunc_normal_(TensorHandle t, double mean, double std, double a, double b);
    [LibraryImport(Lib)] internal static partial IntPtr tt_constant_pad_nd(TensorHandle x, long* pad, int n, double value);
}
