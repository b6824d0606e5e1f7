using System.Runtime.InteropServices;

namespace Trainer.Torch.Interop;

/// <summary>P/Invoke declarations of native/outer_product_scoring.cpp (fused argmax-error scoring of stacked readouts).</summary>
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)]
    internal static partial IntPtr tt_outer_product_errors(
        TensorHandle e, TensorHandle readout, TensorHandle labels, TensorHandle weights, long classes, long tile, long threads);
}
