using Trainer.Torch;

namespace Trainer.Models.Hopfield.Retrieval;

/// <summary>
/// Outcome of an iterated Hopfield retrieval: the final states (B, d), the normaliser weights of the last update
/// (B, M) (those that produced <see cref="State"/>; with zero steps, the weights at the start), the number of updates,
/// whether every state moved by less than eps on the last one, and, when tracked, the energy of every visited state
/// (B, steps + 1). Disposing frees the tensors.
/// </summary>
public sealed record RetrievalResult(Tensor State, Tensor Weights, int Steps, bool Converged, Tensor? Energies) : IDisposable
{
    public void Dispose()
    {
        State.Dispose();
        Weights.Dispose();
        Energies?.Dispose();
    }
}
