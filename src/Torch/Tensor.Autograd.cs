using Trainer.Torch.Interop;

namespace Trainer.Torch;

// Autograd on a tensor: backward, .grad, retain_grad.
public partial class Tensor
{
    /// <summary>Accumulates d(this)/d(leaf) into each leaf's <see cref="grad"/>. Non-scalars need <paramref name="gradient"/>.</summary>
    public void backward(Tensor? gradient = null, bool retain_graph = false, bool create_graph = false)
    {
        Native.Check(NativeMethods.tt_backward(Handle, Opt(gradient), retain_graph ? 1 : 0, create_graph ? 1 : 0));
        GC.KeepAlive(gradient);
    }

    /// <summary>The accumulated gradient, or null when none has been computed. Each read returns a new handle.</summary>
    public Tensor? grad
    {
        get
        {
            IntPtr g = NativeMethods.tt_grad(Handle);
            if (g == IntPtr.Zero)
            {
                string err = Native.LastError();
                if (err.Length > 0)
                {
                    throw new TorchException(err);
                }

                return null;
            }

            return From(g);
        }

        set
        {
            Native.Check(NativeMethods.tt_set_grad(Handle, Opt(value)));
            GC.KeepAlive(value);
        }
    }

    /// <summary>Keeps .grad for a non-leaf tensor.</summary>
    public Tensor retain_grad()
    {
        Native.Check(NativeMethods.tt_retain_grad(Handle));
        return this;
    }
}
