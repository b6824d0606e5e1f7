namespace Trainer.Bench;

/// <summary>How a benchmark run is done and printed.</summary>
public sealed record BenchOptions
{
    /// <summary>Timed rounds per side (after one untimed warm-up round each).</summary>
    public int Rounds { get; init; } = 11;

    /// <summary>Target duration of one round of ours, seconds; the iteration count is calibrated to it.</summary>
    public double RoundSeconds { get; init; } = 0.3;

    /// <summary>
    /// Pause before each side's turn, seconds. OpenBLAS's worker threads spin for a while (about 2^28 cycles) after
    /// a call before they sleep; without the pause one side's spinning workers eat into the other side's round.
    /// </summary>
    public double SettleSeconds { get; init; } = 0.15;

    /// <summary>Print one JSON object per line instead of the table.</summary>
    public bool Json { get; init; }

    /// <summary>libtorch threads for both sides; null: the engine's default policy (see Trainer.Torch.Runtime).</summary>
    public int? TorchThreads { get; init; }

    /// <summary>OpenBLAS threads for both sides; null: the engine's default policy.</summary>
    public int? BlasThreads { get; init; }

    /// <summary>Run the workloads under every (torch, blas) pair from {1, cores} instead of one setting.</summary>
    public bool ThreadSweep { get; init; }
}
