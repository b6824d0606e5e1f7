using System.Runtime.InteropServices;

namespace Trainer.Torch.Interop;

/// <summary>P/Invoke declarations of native/optim.cpp.</summary>
internal static unsafe partial class NativeMethods
{
    /// <summary>Fused Adam/AdamW step over n parameters: 1 applied, 0 not eligible (nothing changed), -1 error.</summary>
    [LibraryImport(Lib)]
    internal static partial int tt_adam_step(IntPtr* parameters, IntPtr* grads, IntPtr* expAvgs, IntPtr* expAvgSqs,
        IntPtr* maxExpAvgSqs, long* steps, int n, double lr, double beta1, double beta2, double eps, double weightDecay,
        int amsgrad, int maximize, int decoupled);
}
