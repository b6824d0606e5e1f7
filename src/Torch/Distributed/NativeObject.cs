using System.Runtime.InteropServices;

namespace Trainer.Torch.Distributed;

/// <summary>Owns one native c10d object (a store, a process group or a pending work) and frees it once.</summary>
internal sealed class NativeObject : SafeHandle
{
    private readonly Action<IntPtr> _free;

    internal NativeObject(IntPtr handle, Action<IntPtr> free)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        _free = free;
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The raw pointer, for a native call; throws when the object was disposed.</summary>
    internal IntPtr Ptr
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return handle;
        }
    }

    protected override bool ReleaseHandle()
    {
        _free(handle);
        return true;
    }
}
