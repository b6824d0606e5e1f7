using Trainer.Torch.Interop;

namespace Trainer.Torch;

public static partial class torch
{
    /// <summary>
    /// Disables gradient tracking on this thread until disposed: <c>using (torch.no_grad()) { ... }</c>.
    /// </summary>
    public static GradModeScope no_grad() => new(false);

    /// <summary>Enables gradient tracking on this thread until disposed (inside a no_grad region, say).</summary>
    public static GradModeScope enable_grad() => new(true);

    public static bool is_grad_enabled() => NativeMethods.tt_is_grad_enabled() != 0;

    public static void set_grad_enabled(bool enabled) => NativeMethods.tt_set_grad_enabled(enabled ? 1 : 0);

    /// <summary>Restores the previous grad mode when disposed.</summary>
    public sealed class GradModeScope : IDisposable
    {
        private readonly int _previous;
        private bool _disposed;

        internal GradModeScope(bool enabled)
        {
            _previous = NativeMethods.tt_set_grad_enabled(enabled ? 1 : 0);
        }

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                NativeMethods.tt_set_grad_enabled(_previous);
            }
        }
    }

    public static class autograd
    {
        /// <summary>
        /// Gradients of <paramref name="outputs"/> with respect to <paramref name="inputs"/>, without touching .grad
        /// (torch.autograd.grad). With <paramref name="create_graph"/> the result is differentiable again.
        /// An input the outputs do not depend on gives null when <paramref name="allow_unused"/> is set.
        /// </summary>
        public static unsafe Tensor?[] grad(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor> inputs,
            IReadOnlyList<Tensor?>? grad_outputs = null, bool retain_graph = false, bool create_graph = false, bool allow_unused = false)
        {
            IntPtr[] o = Tensor.Handles(outputs);
            IntPtr[] i = Tensor.Handles(inputs);
            IntPtr[]? g = null;
            if (grad_outputs is not null)
            {
                g = new IntPtr[grad_outputs.Count];
                for (int k = 0; k < g.Length; k++)
                {
                    g[k] = Tensor.Opt(grad_outputs[k]);
                }
            }

            var res = new IntPtr[i.Length];
            fixed (IntPtr* po = o)
            fixed (IntPtr* pi = i)
            fixed (IntPtr* pg = g)
            fixed (IntPtr* pr = res)
            {
                Native.Check(NativeMethods.tt_autograd_grad(po, o.Length, pi, i.Length, pg,
                    retain_graph || create_graph ? 1 : 0, create_graph ? 1 : 0, allow_unused ? 1 : 0, pr));
            }

            GC.KeepAlive(outputs);
            GC.KeepAlive(inputs);
            GC.KeepAlive(grad_outputs);
            var result = new Tensor?[res.Length];
            for (int k = 0; k < res.Length; k++)
            {
                result[k] = res[k] == IntPtr.Zero ? null : Tensor.From(res[k]);
            }

            return result;
        }

        public static Tensor grad(Tensor output, Tensor input, bool create_graph = false) =>
            grad(new[] { output }, new[] { input }, null, create_graph, create_graph)[0]
            ?? throw new TorchException("the output does not depend on the input");
    }
}
