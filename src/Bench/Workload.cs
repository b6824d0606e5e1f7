namespace Trainer.Bench;

/// <summary>
/// One benchmark workload: the same work done by ours (here, in process) and by a peer script
/// (<see cref="PeerScript"/>, under the same <see cref="Name"/>). A round runs the work <c>n</c> times and the
/// elapsed seconds per iteration are turned into the workload's <see cref="Unit"/> by <see cref="ToUnit"/>, the same
/// formula for both sides.
/// </summary>
public abstract class Workload : IDisposable
{
    /// <summary>The workload's name, shared with the peer script (e.g. "tiny-add").</summary>
    public abstract string Name { get; }

    /// <summary>The peer script under bench/python (named *_peer.py, embedded in this assembly) that knows
    /// <see cref="Name"/>; it speaks the protocol of bench/python/peer_protocol.py.</summary>
    public virtual string PeerScript => "engine_peer.py";

    /// <summary>One line saying exactly what is measured (shapes, dtype, ops).</summary>
    public abstract string Description { get; }

    /// <summary>The reported unit, e.g. "us/op", "ms/step", "GFLOP/s".</summary>
    public abstract string Unit { get; }

    /// <summary>Whether smaller or larger values of <see cref="Unit"/> are better.</summary>
    public virtual Better Better => Better.Lower;

    /// <summary>The goal on ours / peer, if an issue sets one.</summary>
    public virtual Target? Target => null;

    /// <summary>The goal on the overhead above the native floor, for workloads with a floor.</summary>
    public virtual Target? OverheadTarget => null;

    /// <summary>
    /// The shortest round this workload accepts, in seconds, whatever <c>--round-seconds</c> says (0: no minimum).
    /// Training steps need several iterations per round: after each switch of side the first step pays for cold
    /// caches and freshly faulted heap pages, which a round of one or two steps would time as if it were steady state.
    /// </summary>
    public virtual double MinRoundSeconds => 0;

    /// <summary>True when <see cref="RunFloor"/> measures the op looped natively (no interop).</summary>
    public virtual bool HasFloor => false;

    /// <summary>
    /// Intermediate layers between the floor and ours (e.g. a raw P/Invoke), each timed every round like the sides:
    /// a name and a function from iterations to elapsed seconds. They show where ours' time above the floor goes.
    /// </summary>
    public virtual IReadOnlyList<(string Name, Func<long, double> Seconds)> Layers => Array.Empty<(string, Func<long, double>)>();

    /// <summary>Creates the inputs (seeded, so both sides see the same numbers).</summary>
    public abstract void Setup();

    /// <summary>Runs the work <paramref name="iterations"/> times.</summary>
    public abstract void Run(long iterations);

    /// <summary>Seconds of <paramref name="iterations"/> evaluations looped inside the native shim.</summary>
    public virtual double RunFloor(long iterations) =>
        throw new NotSupportedException($"{Name} has no native floor");

    /// <summary>A number that depends on the inputs and the work (e.g. the first loss), compared with the peer's.</summary>
    public abstract double Checksum();

    /// <summary>Converts elapsed seconds per iteration into <see cref="Unit"/>.</summary>
    public abstract double ToUnit(double secondsPerIteration);

    /// <summary>Frees the workload's tensors.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the workload's tensors when <paramref name="disposing"/>.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
