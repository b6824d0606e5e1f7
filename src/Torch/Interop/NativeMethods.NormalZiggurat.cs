using System.Runtime.InteropServices;

namespace Trainer.Torch.Interop;

/// <summary>P/Invoke declarations of native/normal_ziggurat.cpp (seeded, thread-count independent normal fill).</summary>
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial int tt_normal_ziggurat_(TensorHandle output, ulong seed, double std, long threads);
}
