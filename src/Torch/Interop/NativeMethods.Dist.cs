using System.Runtime.InteropServices;

namespace Trainer.Torch.Interop;

/// <summary>P/Invoke declarations of native/dist.cpp (c10d stores and the Gloo process group).</summary>
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial int tt_dist_available();

    // Stores: handles are heap c10::intrusive_ptr<c10d::Store>*.
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr tt_dist_tcp_store_new(string host, int port, int worldSize, int isServer, int waitWorkers, long timeoutMs);

    [LibraryImport(Lib)] internal static partial int tt_dist_tcp_store_port(IntPtr store);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr tt_dist_prefix_store_new(string prefix, IntPtr store);

    [LibraryImport(Lib)] internal static partial void tt_dist_store_free(IntPtr store);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int tt_dist_store_set(IntPtr store, string key, byte* value, long length);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr tt_dist_store_get(IntPtr store, string key);

    [LibraryImport(Lib)] internal static partial long tt_dist_bytes_length(IntPtr bytes);

    [LibraryImport(Lib)] internal static partial byte* tt_dist_bytes_data(IntPtr bytes);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial long tt_dist_store_add(IntPtr store, string key, long delta, out int ok);

    [LibraryImport(Lib)] internal static partial int tt_dist_store_wait(IntPtr store, IntPtr keys, int n, long timeoutMs);

    [LibraryImport(Lib)] internal static partial int tt_dist_store_check(IntPtr store, IntPtr keys, int n);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int tt_dist_store_delete(IntPtr store, string key);

    [LibraryImport(Lib)] internal static partial int tt_dist_store_set_timeout(IntPtr store, long timeoutMs);

    // Process group: handles are heap c10::intrusive_ptr<c10d::ProcessGroupGloo>*; works are c10d::Work pointers.
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr tt_dist_gloo_new(IntPtr store, int rank, int size, long timeoutMs, string? iface, string? hostname, int threads);

    [LibraryImport(Lib)] internal static partial void tt_dist_group_free(IntPtr group);

    [LibraryImport(Lib)] internal static partial int tt_dist_group_rank(IntPtr group);

    [LibraryImport(Lib)] internal static partial int tt_dist_group_size(IntPtr group);

    [LibraryImport(Lib)] internal static partial int tt_dist_set_sequence_number(IntPtr group);

    [LibraryImport(Lib)] internal static partial long tt_dist_get_sequence_number(IntPtr group);

    [LibraryImport(Lib)] internal static partial IntPtr tt_dist_all_reduce_start(IntPtr group, IntPtr* tensors, int n, int op, long timeoutMs);

    [LibraryImport(Lib)] internal static partial int tt_dist_work_wait(IntPtr work, long timeoutMs);

    [LibraryImport(Lib)] internal static partial void tt_dist_work_free(IntPtr work);

    [LibraryImport(Lib)] internal static partial int tt_dist_all_reduce(IntPtr group, IntPtr* tensors, int n, int op, long timeoutMs);

    [LibraryImport(Lib)] internal static partial int tt_dist_broadcast(IntPtr group, IntPtr* tensors, int n, int root, long timeoutMs);

    [LibraryImport(Lib)] internal static partial int tt_dist_all_gather(IntPtr group, TensorHandle input, IntPtr* output, int capacity, long timeoutMs);

    [LibraryImport(Lib)] internal static partial int tt_dist_barrier(IntPtr group, long timeoutMs);
}
