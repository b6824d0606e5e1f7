using System.Runtime.InteropServices;

namespace Trainer.Torch.Interop;

/// <summary>P/Invoke declarations of native/fused_*.cpp (fused kernels for the hot paths of a training step).</summary>
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial IntPtr tt_fused_attention(TensorHandle qkv, long nHead, double scale, int causal);
}
