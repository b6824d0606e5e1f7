using System.Runtime.InteropServices;

namespace Trainer.Torch.Interop;

/// <summary>Checks native results: a null handle or a negative status becomes a <see cref="TorchException"/>.</summary>
internal static class Native
{
    internal static string LastError() => Marshal.PtrToStringUTF8(NativeMethods.tt_last_error()) ?? "";

    internal static IntPtr Check(IntPtr handle)
    {
        if (handle == IntPtr.Zero)
        {
            throw new TorchException(LastError());
        }

        return handle;
    }

    internal static int Check(int status)
    {
        if (status < 0)
        {
            throw new TorchException(LastError());
        }

        return status;
    }

    internal static long Check(long value)
    {
        if (value < 0)
        {
            throw new TorchException(LastError());
        }

        return value;
    }

    /// <summary>Reads and frees a native std::string returned through a handle.</summary>
    internal static string TakeString(IntPtr s)
    {
        Check(s);
        try
        {
            return Marshal.PtrToStringUTF8(NativeMethods.tt_string_chars(s)) ?? "";
        }
        finally
        {
            NativeMethods.tt_free_string(s);
        }
    }
}
