namespace Trainer.Bench;

/// <summary>Which direction of a unit is an improvement: time per op is lower-better, GFLOP/s higher-better.</summary>
public enum Better
{
    /// <summary>Smaller values are better (time per op, time per step).</summary>
    Lower,

    /// <summary>Larger values are better (throughput, GFLOP/s).</summary>
    Higher,
}
