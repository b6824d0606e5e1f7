namespace Trainer.Bench;

/// <summary>The peer script could not be started, died, or reported an error.</summary>
public sealed class PeerException : Exception
{
    public PeerException()
    {
    }

    public PeerException(string message)
        : base(message)
    {
    }

    public PeerException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
