using Trainer.Torch.Interop;

namespace Trainer.Torch.Distributed;

/// <summary>
/// A collective started with an <c>_async</c> method (<c>torch.distributed.Work</c>): it runs on the group's Gloo
/// threads while the caller goes on; <see cref="wait"/> blocks until it finished and throws a
/// <see cref="TorchException"/> if it failed. The tensors it works on must stay alive until then.
/// </summary>
public sealed class Work : IDisposable
{
    private readonly NativeObject _work;
    private readonly IReadOnlyList<Tensor> _tensors;
    private readonly Func<string, TorchException> _describe;
    private bool _done;

    internal Work(IntPtr handle, IReadOnlyList<Tensor> tensors, Func<string, TorchException> describe)
    {
        _work = new NativeObject(handle, NativeMethods.tt_dist_work_free);
        _tensors = tensors;
        _describe = describe;
    }

    /// <summary>Optional action run once after a successful wait (the division of an average, say).</summary>
    internal Action? Then { get; init; }

    public void wait(TimeSpan? timeout = null)
    {
        if (_done)
        {
            return;
        }

        if (NativeMethods.tt_dist_work_wait(_work.Ptr, Store.Millis(timeout)) < 0)
        {
            throw _describe(Interop.Native.LastError());
        }

        _done = true;
        GC.KeepAlive(_tensors);
        Then?.Invoke();
    }

    public void Dispose() => _work.Dispose();
}
