using Trainer.Torch;
using Trainer.Torch.Nn;

namespace Trainer.Models.Core;

/// <summary>
/// What the trainer sees of a model: its parameters (through <see cref="Module"/>) and its loss on a batch.
/// The model owns its maths (loss, sampling, metrics); the trainer owns none of it.
/// </summary>
public interface ITrainable
{
    /// <summary>The module whose parameters are trained and checkpointed (dotted names).</summary>
    Module Module { get; }

    /// <summary>The scalar training loss on <paramref name="batch"/>, with the autograd graph attached.</summary>
    Tensor Loss(Batch batch);

    /// <summary>Evaluation metrics on a batch (no grad), e.g. {"loss": .., "acc": ..}; the trainer averages them.</summary>
    IReadOnlyDictionary<string, double> Evaluate(Batch batch);
}

/// <summary>
/// Where batches come from. Batches are a pure function of (seed, step): resuming at step s replays exactly what an
/// uninterrupted run would have seen, with no loader state to save.
/// </summary>
public interface IBatchSource
{
    /// <summary>Optimizer steps in one pass over the training set (one epoch).</summary>
    long StepsPerEpoch { get; }

    /// <summary>The training batch for global step <paramref name="step"/> (0-based).</summary>
    Batch Train(long step);

    /// <summary>Validation batches (may be empty).</summary>
    IEnumerable<Batch> Validation();
}

/// <summary>A model that exposes one embedding row per graph node, for the probes.</summary>
public interface INodeEmbeddings
{
    /// <summary>(n_nodes, d) embeddings, node id = row; a detached copy.</summary>
    Tensor NodeEmbeddings();
}
