using Trainer.Torch.Interop;

namespace Trainer.Torch.Distributed;

/// <summary>
/// A group of W processes (ranks 0..W-1) that run collectives together: libtorch's c10d <c>ProcessGroupGloo</c>,
/// the engine behind <c>torch.distributed</c> on CPU. Every rank must call the same collectives in the same order;
/// each works in place on the tensors given and blocks until done (the <c>_async</c> forms return a <see cref="Work"/>).
/// A peer that died or a collective that outlives the timeout raises a <see cref="TorchException"/> that names the
/// operation and the rank. Create one with <see cref="init_process_group(string, int, int, ProcessGroupOptions?)"/>.
/// </summary>
public sealed partial class ProcessGroup : IDisposable
{
    private readonly NativeObject _group;

    private ProcessGroup(IntPtr handle, Store store, ProcessGroupOptions options)
    {
        _group = new NativeObject(handle, NativeMethods.tt_dist_group_free);
        Store = store;
        Options = options;
        Rank = Interop.Native.Check(NativeMethods.tt_dist_group_rank(handle));
        WorldSize = Interop.Native.Check(NativeMethods.tt_dist_group_size(handle));
    }

    /// <summary>This process's rank, 0..<see cref="WorldSize"/>-1 (<c>dist.get_rank()</c>).</summary>
    public int Rank { get; }

    /// <summary>The number of ranks W (<c>dist.get_world_size()</c>).</summary>
    public int WorldSize { get; }

    public string Backend => "gloo";

    public ProcessGroupOptions Options { get; }

    /// <summary>The run's key-value store (Python's "default_pg" view of the TCP store), free for small exchanges.</summary>
    public Store Store { get; }

    /// <summary>In place on every rank: x = op over ranks r of x_r (<c>dist.all_reduce</c>).</summary>
    public void all_reduce(Tensor tensor, ReduceOp op = ReduceOp.Sum, TimeSpan? timeout = null) =>
        all_reduce(new[] { tensor }, op, timeout);

    /// <summary>All-reduces several tensors in one collective (same count, shapes and dtypes on every rank).</summary>
    public unsafe void all_reduce(IReadOnlyList<Tensor> tensors, ReduceOp op = ReduceOp.Sum, TimeSpan? timeout = null)
    {
        IntPtr[] h = Tensor.Handles(tensors);
        fixed (IntPtr* p = h)
        {
            Run("all_reduce", NativeMethods.tt_dist_all_reduce(_group.Ptr, p, h.Length, (int)op, Store.Millis(timeout ?? Options.Timeout)));
        }

        GC.KeepAlive(tensors);
    }

    /// <summary>Starts an all-reduce and returns at once; <see cref="Work.wait"/> finishes it (an average divides then).</summary>
    public unsafe Work all_reduce_async(IReadOnlyList<Tensor> tensors, ReduceOp op = ReduceOp.Sum)
    {
        IntPtr[] h = Tensor.Handles(tensors);
        IntPtr work;
        fixed (IntPtr* p = h)
        {
            work = NativeMethods.tt_dist_all_reduce_start(_group.Ptr, p, h.Length, (int)op, Store.Millis(Options.Timeout));
        }

        if (work == IntPtr.Zero)
        {
            throw Failure("all_reduce", Interop.Native.LastError());
        }

        int w = WorldSize;
        return new Work(work, tensors, m => Failure("all_reduce", m))
        {
            Then = op == ReduceOp.Avg ? () => Divide(tensors, w) : null,
        };
    }

    /// <summary>In place: every rank's tensor becomes rank <paramref name="src"/>'s (<c>dist.broadcast</c>).</summary>
    public void broadcast(Tensor tensor, int src = 0, TimeSpan? timeout = null) => broadcast(new[] { tensor }, src, timeout);

    public unsafe void broadcast(IReadOnlyList<Tensor> tensors, int src = 0, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(src);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(src, WorldSize);
        IntPtr[] h = Tensor.Handles(tensors);
        fixed (IntPtr* p = h)
        {
            Run("broadcast", NativeMethods.tt_dist_broadcast(_group.Ptr, p, h.Length, src, Store.Millis(timeout ?? Options.Timeout)));
        }

        GC.KeepAlive(tensors);
    }

    /// <summary>Every rank's <paramref name="tensor"/>, in rank order (<c>dist.all_gather</c>); same shape on all ranks.</summary>
    public unsafe Tensor[] all_gather(Tensor tensor, TimeSpan? timeout = null)
    {
        var outs = new IntPtr[WorldSize];
        fixed (IntPtr* p = outs)
        {
            Run("all_gather", NativeMethods.tt_dist_all_gather(_group.Ptr, tensor.Handle, p, outs.Length, Store.Millis(timeout ?? Options.Timeout)));
        }

        return outs.Select(Tensor.From).ToArray();
    }

    /// <summary>Returns once every rank has entered the barrier (<c>dist.barrier</c>).</summary>
    public void barrier(TimeSpan? timeout = null) =>
        Run("barrier", NativeMethods.tt_dist_barrier(_group.Ptr, Store.Millis(timeout ?? Options.Timeout)));

    /// <summary>Collectives issued so far, as c10d counts them (equal on all ranks when they are in step).</summary>
    public long SequenceNumber => Interop.Native.Check(NativeMethods.tt_dist_get_sequence_number(_group.Ptr));

    public override string ToString() => $"ProcessGroup(backend={Backend}, rank={Rank}, world_size={WorldSize})";

    /// <summary>Leaves the group (<c>dist.destroy_process_group</c>); the store server of rank 0 stops with it.</summary>
    public void Dispose()
    {
        _group.Dispose();
        Store.Dispose();
    }

    private void Run(string op, int status)
    {
        if (status < 0)
        {
            throw Failure(op, Interop.Native.LastError());
        }
    }

    private TorchException Failure(string op, string message) =>
        new($"{op} failed on rank {Rank} of {WorldSize} (a peer process may have exited or stopped responding): {message}");

    private static void Divide(IReadOnlyList<Tensor> tensors, int worldSize)
    {
        using (torch.no_grad())
        {
            foreach (Tensor t in tensors)
            {
                t.div_(worldSize);
            }
        }
    }
}
