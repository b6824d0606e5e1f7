using System.Runtime.InteropServices;

namespace Trainer.Torch.Interop;

/// <summary>P/Invoke declarations of native/autograd.cpp.</summary>
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial int tt_backward(TensorHandle t, IntPtr grad, int retainGraph, int createGraph);
    [LibraryImport(Lib)] internal static partial IntPtr tt_grad(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int tt_set_grad(TensorHandle t, IntPtr grad);
    [LibraryImport(Lib)] internal static partial int tt_retain_grad(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int tt_is_grad_enabled();
    [LibraryImport(Lib)] internal static partial int tt_set_grad_enabled(int enabled);
    [LibraryImport(Lib)]
    internal static partial int tt_autograd_grad(IntPtr* outputs, int nout, IntPtr* inputs, int nin, IntPtr* gradOutputs,
        int retainGraph, int createGraph, int allowUnused, IntPtr* outs);
}
