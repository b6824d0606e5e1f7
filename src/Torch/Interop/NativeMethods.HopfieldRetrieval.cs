using System.Runtime.InteropServices;

namespace Trainer.Torch.Interop;

/// <summary>P/Invoke declaration of native/hopfield_retrieval.cpp (the fused Hopfield retrieval kernel).</summary>
internal static partial class NativeMethods
{
    [LibraryImport(Lib)]
    internal static partial IntPtr tt_hopfield_retrieve(
        TensorHandle patterns, TensorHandle states, double beta, long steps, long queryTile, long patternTile, long threads);
}
