namespace Trainer.Torch;

/// <summary>
/// An error raised inside libtorch (shape mismatch, wrong dtype, index out of range, bad argument) or by the binding.
/// The message is libtorch's own; the process keeps running.
/// </summary>
public sealed class TorchException : Exception
{
    public TorchException()
    {
    }

    public TorchException(string message)
        : base(message)
    {
    }

    public TorchException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
