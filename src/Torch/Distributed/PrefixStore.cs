using Trainer.Torch.Interop;

namespace Trainer.Torch.Distributed;

/// <summary>
/// A view of another store whose keys all start with <c>"&lt;prefix&gt;/"</c> (<c>torch.distributed.PrefixStore</c>):
/// several groups or systems share one TCP store without clashing. The view keeps the underlying store alive.
/// </summary>
public sealed class PrefixStore : Store
{
    public PrefixStore(string prefix, Store inner)
        : base(NativeMethods.tt_dist_prefix_store_new(prefix, inner.Native.Ptr))
    {
        Prefix = prefix;
        GC.KeepAlive(inner);
    }

    public string Prefix { get; }
}
