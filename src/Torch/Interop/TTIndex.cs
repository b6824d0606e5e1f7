using System.Runtime.InteropServices;

namespace Trainer.Torch.Interop;

/// <summary>One element of a native index list; mirrors <c>struct TTIndex</c> in native/tensor.cpp.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TTIndex
{
    public int Kind;   // 0 integer, 1 slice, 2 None, 3 ellipsis, 4 tensor, 5 bool
    public int Flags;  // slice: bit 0 start given, bit 1 stop given, bit 2 step given
    public long A;
    public long B;
    public long C;
    public IntPtr Tensor;
}
