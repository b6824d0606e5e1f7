using System.Text;
using Trainer.Torch.Interop;

namespace Trainer.Torch.Distributed;

/// <summary>
/// A c10d key-value store shared by the processes of a run (<c>torch.distributed.Store</c>): the rendezvous where
/// ranks exchange addresses, counters and small blobs. Keys are strings, values bytes; <see cref="get(string)"/> and
/// <see cref="wait"/> block until a key exists or the store's timeout passes (then a <see cref="TorchException"/>).
/// </summary>
public abstract class Store : IDisposable
{
    private protected Store(IntPtr handle)
    {
        Native = new NativeObject(Interop.Native.Check(handle), NativeMethods.tt_dist_store_free);
    }

    internal NativeObject Native { get; }

    public unsafe void set(string key, ReadOnlySpan<byte> value)
    {
        fixed (byte* p = value)
        {
            Interop.Native.Check(NativeMethods.tt_dist_store_set(Native.Ptr, key, p, value.Length));
        }
    }

    public void set(string key, string value) => set(key, Encoding.UTF8.GetBytes(value));

    /// <summary>The value of <paramref name="key"/>, waiting for it up to the store's timeout.</summary>
    public unsafe byte[] get(string key)
    {
        IntPtr bytes = Interop.Native.Check(NativeMethods.tt_dist_store_get(Native.Ptr, key));
        try
        {
            long n = NativeMethods.tt_dist_bytes_length(bytes);
            return new ReadOnlySpan<byte>(NativeMethods.tt_dist_bytes_data(bytes), checked((int)n)).ToArray();
        }
        finally
        {
            NativeMethods.tt_free_string(bytes);
        }
    }

    public string get_string(string key) => Encoding.UTF8.GetString(get(key));

    /// <summary>Adds <paramref name="delta"/> to the integer at <paramref name="key"/> (missing = 0); returns the sum.</summary>
    public long add(string key, long delta)
    {
        long v = NativeMethods.tt_dist_store_add(Native.Ptr, key, delta, out int ok);
        if (ok == 0)
        {
            throw new TorchException(Interop.Native.LastError());
        }

        return v;
    }

    /// <summary>Blocks until every key exists; a <see cref="TorchException"/> after <paramref name="timeout"/>.</summary>
    public void wait(IReadOnlyList<string> keys, TimeSpan? timeout = null) =>
        WithKeys(keys, (p, n) => NativeMethods.tt_dist_store_wait(Native.Ptr, p, n, Millis(timeout)));

    /// <summary>True when every key exists (does not wait).</summary>
    public bool check(IReadOnlyList<string> keys) =>
        WithKeys(keys, (p, n) => NativeMethods.tt_dist_store_check(Native.Ptr, p, n)) == 1;

    public bool delete_key(string key) => Interop.Native.Check(NativeMethods.tt_dist_store_delete(Native.Ptr, key)) == 1;

    /// <summary>The default wait for <see cref="get(string)"/> and <see cref="wait"/>.</summary>
    public void set_timeout(TimeSpan timeout) =>
        Interop.Native.Check(NativeMethods.tt_dist_store_set_timeout(Native.Ptr, Millis(timeout)));

    public void Dispose()
    {
        Native.Dispose();
        GC.SuppressFinalize(this);
    }

    internal static long Millis(TimeSpan? t) => t is { } v ? Math.Max(1, (long)v.TotalMilliseconds) : 0;

    private unsafe int WithKeys(IReadOnlyList<string> keys, Func<IntPtr, int, int> call)
    {
        var ptrs = new IntPtr[keys.Count];
        try
        {
            for (int i = 0; i < keys.Count; i++)
            {
                ptrs[i] = System.Runtime.InteropServices.Marshal.StringToCoTaskMemUTF8(keys[i]);
            }

            fixed (IntPtr* p = ptrs)
            {
                return Interop.Native.Check(call((IntPtr)p, ptrs.Length));
            }
        }
        finally
        {
            foreach (IntPtr p in ptrs)
            {
                System.Runtime.InteropServices.Marshal.FreeCoTaskMem(p);
            }
        }
    }
}
