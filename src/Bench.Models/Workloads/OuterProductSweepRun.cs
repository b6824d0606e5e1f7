using Trainer.Models.OuterProduct;

namespace Trainer.Bench.Models.Workloads;

/// <summary>
/// Issue 8 workload 5, the outer-product memory sweep of "Scaling Laws for Associative Memories" (Cabannes et al.
/// 2024): N = 10^4 Zipf(alpha = 2) tokens, M = 5 classes (f*(x) = x mod M), d in {20, 40, ..., 640}, T = 10^6
/// samples, 10 draws, the four standard estimators (<see cref="EstimatorSpec.Standard"/>: rho = 0, rho = 1,
/// thresholding P = d/12, SGD gamma = 10), each memory W = sum_x q(x) u_f(x) e_x^T scored on every token:
/// <code>
///   E(f_W) = sum_x p(x) 1[argmax_y u_y^T W e_x != f*(x)]
/// </code>
/// One iteration is one whole <see cref="OuterProductSweep.Run"/> (240 memories). The peer
/// (bench/python/sweep_peer.py, "fast" style) runs the same O(N d M) algorithm in python3-torch; its random streams
/// differ, so the checksum (mean error over every point) agrees only to a few percent.
/// </summary>
[ModelWorkload(50)]
public sealed class OuterProductSweepRun : Workload
{
    private readonly SweepConfig _config;
    private readonly string _name;

    public OuterProductSweepRun()
        : this(new SweepConfig(), "outer-product-sweep")
    {
    }

    /// <summary>Another sweep (tests); the peer knows "outer-product-sweep", "-authors" and "-tiny".</summary>
    internal OuterProductSweepRun(SweepConfig config, string name)
    {
        _config = config;
        _name = name;
    }

    /// <summary>The tiny sweep the peer also knows: N = 1000, T = 10^4, 1 draw.</summary>
    internal static OuterProductSweepRun Tiny() =>
        new(new SweepConfig { Inputs = 1000, Samples = [10_000], Draws = 1 }, "outer-product-sweep-tiny");

    public override string Name => _name;

    public override string PeerScript => "sweep_peer.py";

    public override string Description =>
        $"sweep N {_config.Inputs}, M {_config.Classes}, d {string.Join("/", _config.Dims)}, T {string.Join("/", _config.Samples)}, " +
        $"{_config.Draws} draws x {_config.Estimators.Count} estimators; check = mean error";

    public override string Unit => "s/sweep";

    public override Target? Target => new(0.5, "issue 8: sweeps at least 2x faster than the Python script");

    /// <summary>The last sweep run by <see cref="Checksum"/>.</summary>
    internal SweepResult? LastSweep { get; private set; }

    public override void Setup()
    {
    }

    public override void Run(long iterations)
    {
        for (long i = 0; i < iterations; i++)
        {
            OuterProductSweep.Run(_config);
        }
    }

    public override double Checksum()
    {
        LastSweep = OuterProductSweep.Run(_config);
        return LastSweep.Points.Average(p => p.Error);
    }

    public override double ToUnit(double secondsPerIteration) => secondsPerIteration;
}
