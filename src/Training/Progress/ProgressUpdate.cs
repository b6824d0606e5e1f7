namespace Trainer.Training.Progress;

/// <summary>
/// Where training stands after a step: steps done so far, the planned total (0 when unknown), the latest training
/// loss and, when the trainer counts them, the tokens processed so far (cumulative, for a tokens/s rate).
/// </summary>
/// <param name="Step">Optimizer steps completed (1 after the first step).</param>
/// <param name="Total">Planned number of steps; 0 or less when unknown (wall-time or early-stopping runs).</param>
/// <param name="Loss">The latest training loss, or null.</param>
/// <param name="Tokens">Tokens processed since the run (or the resumed part of it) started, or null.</param>
public readonly record struct ProgressUpdate(long Step, long Total, double? Loss = null, long? Tokens = null);
