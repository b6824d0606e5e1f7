namespace Trainer.Bench;

/// <summary>
/// One row of the benchmark: per-round values of ours and of the peer (python3-torch) in <see cref="Unit"/>,
/// measured alternately in one run under the same <see cref="Threads"/>. <see cref="Ratio"/> is always
/// ours / peer of the medians; <see cref="Better"/> says which direction wins.
/// </summary>
public sealed record BenchResult
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    public required string Unit { get; init; }

    public required Better Better { get; init; }

    public required ThreadSetting Threads { get; init; }

    /// <summary>Timed rounds per side.</summary>
    public required int Rounds { get; init; }

    /// <summary>Iterations of the work in each round (the same for both sides).</summary>
    public required long Iterations { get; init; }

    public required Summary Ours { get; init; }

    /// <summary>The peer's values, or null when the peer could not run (see <see cref="PeerError"/>).</summary>
    public Summary? Peer { get; init; }

    public string? PeerError { get; init; }

    /// <summary>The native floor (the op looped inside the C++ shim), for workloads that have one.</summary>
    public Summary? Floor { get; init; }

    public Target? Target { get; init; }

    /// <summary>Peak RSS of ours while this workload ran (VmHWM after a reset), bytes; -1 when unknown.</summary>
    public long OursPeakRssBytes { get; init; } = -1;

    /// <summary>Peak RSS of the peer while this workload ran, bytes; -1 when unknown.</summary>
    public long PeerPeakRssBytes { get; init; } = -1;

    /// <summary>Growth of ours' current RSS from after the warm-up to after the last round, bytes.</summary>
    public long OursRssGrowthBytes { get; init; }

    /// <summary>Ours' checksum of the work (e.g. the first loss); equal to the peer's when both did the same work.</summary>
    public double OursCheck { get; init; } = double.NaN;

    public double PeerCheck { get; init; } = double.NaN;

    /// <summary>Ours' value in each timed round, in order.</summary>
    public IReadOnlyList<double> OursRounds { get; init; } = Array.Empty<double>();

    /// <summary>The peer's value in each timed round, in order (empty without a peer).</summary>
    public IReadOnlyList<double> PeerRounds { get; init; } = Array.Empty<double>();

    /// <summary>The native floor's value in each timed round (empty without a floor).</summary>
    public IReadOnlyList<double> FloorRounds { get; init; } = Array.Empty<double>();

    /// <summary>Ours' intermediate layers (see <see cref="Workload.Layers"/>), each summarised over the rounds.</summary>
    public IReadOnlyList<(string Name, Summary Values)> Layers { get; init; } = Array.Empty<(string, Summary)>();

    /// <summary>The machine's 1-minute load average when the row finished (contention shows here).</summary>
    public double LoadAverage { get; init; } = double.NaN;

    /// <summary>ours / peer of the medians; NaN without a peer.</summary>
    public double Ratio => Peer is null ? double.NaN : Ours.Median / Peer.Median;

    /// <summary>Whether the target is met; null without a target or a peer.</summary>
    public bool? Met => Target is null || Peer is null ? null : Target.IsMet(Ratio, Better);

    /// <summary>True when both checksums agree to a relative 1e-4 (or the peer has none).</summary>
    public bool ChecksumsAgree =>
        double.IsNaN(PeerCheck) ||
        Math.Abs(OursCheck - PeerCheck) <= 1e-4 * Math.Max(Math.Max(Math.Abs(OursCheck), Math.Abs(PeerCheck)), 1e-12);
}
