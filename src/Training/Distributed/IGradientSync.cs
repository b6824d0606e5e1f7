using Trainer.Torch.Nn;

namespace Trainer.Training.Distributed;

/// <summary>
/// What <see cref="Loop.TrainerLoop"/> calls after the backward passes of a step and before clipping and the
/// optimizer step: data-parallel training makes every worker's gradients the average over workers here.
/// </summary>
public interface IGradientSync
{
    /// <summary>
    /// Synchronises the gradients of <paramref name="module"/>; returns the step's loss averaged over workers (for
    /// logging; <paramref name="loss"/> is this worker's).
    /// </summary>
    double Synchronize(Module module, double loss);
}
