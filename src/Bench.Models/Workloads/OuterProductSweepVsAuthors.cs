namespace Trainer.Bench.Models.Workloads;

/// <summary>
/// Issue 8 workload 5 against the authors' way of computing the same sweep: ours is exactly
/// <see cref="OuterProductSweepRun"/>; the peer (bench/python/sweep_peer.py, "authors" style) builds each memory as
/// the d x d matrix W = (E[idx]^T * q) U[f[idx]] and scores E W U^T, one estimator at a time, as the notebooks of
/// Cabannes et al. do (O(N d^2) per memory instead of O(N d M)). Same sweep, same estimators; random streams differ.
/// </summary>
[ModelWorkload(51)]
public sealed class OuterProductSweepVsAuthors : Workload
{
    private readonly OuterProductSweepRun _ours = new(new Trainer.Models.OuterProduct.SweepConfig(), "outer-product-sweep-authors");

    public override string Name => _ours.Name;

    public override string PeerScript => _ours.PeerScript;

    public override string Description => _ours.Description + "; peer: the authors' d x d form";

    public override string Unit => _ours.Unit;

    public override Target? Target => _ours.Target;

    public override void Setup() => _ours.Setup();

    public override void Run(long iterations) => _ours.Run(iterations);

    public override double Checksum() => _ours.Checksum();

    public override double ToUnit(double secondsPerIteration) => _ours.ToUnit(secondsPerIteration);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ours.Dispose();
        }
    }
}
