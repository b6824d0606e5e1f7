using System.Runtime.InteropServices;

namespace Trainer.Torch.Interop;

/// <summary>Owns one native <c>at::Tensor*</c>; releasing it frees the native tensor (tt_free).</summary>
internal sealed class TensorHandle : SafeHandle
{
    public TensorHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    internal TensorHandle(IntPtr handle)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.tt_free(handle);
        return true;
    }
}
