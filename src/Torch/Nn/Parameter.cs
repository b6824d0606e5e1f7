namespace Trainer.Torch.Nn;

/// <summary>
/// A trainable tensor: a leaf that requires grad, owned by its module (never by a <see cref="DisposeScope"/>).
/// Wraps a detached alias of the given tensor, so the storage is shared with it.
/// </summary>
public sealed class Parameter : Tensor
{
    public Parameter(Tensor data, bool requires_grad = true)
        : base(Interop.NativeMethods.tt_detach(data.Handle))
    {
        DisposeScope.Detach(this);
        this.requires_grad = requires_grad;
    }
}
