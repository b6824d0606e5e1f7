using Trainer.Bench.Models.Workloads;
using Trainer.Models.OuterProduct;

namespace Trainer.Bench.Models.Tests;

/// <summary>The outer-product sweep workload (issue 8, workload 5) on a tiny sweep, against the python3-torch peer.</summary>
/// <remarks>In the collection of the other peer tests: manual_seed is process-wide, and the harness extracts each peer
/// script to one folder per process that the first finished peer deletes.</remarks>
[Collection("gpt peer")]
public sealed class OuterProductSweepRunTests
{
    [Fact]
    public void Ours_and_the_python_peer_reach_similar_mean_errors()
    {
        using OuterProductSweepRun ours = OuterProductSweepRun.Tiny();
        ours.Setup();
        double oursError = ours.Checksum();

        using PeerProcess peer = PeerProcess.Start(ours.PeerScript, 1, 1);
        double peerError = peer.Setup(ours.Name);

        // Different random streams (our alias sampler and codebooks vs torch.multinomial and randn), one draw each:
        // the mean over 24 memories agrees statistically, not bit for bit. Token 1 holds 61% of the Zipf(2) mass, so
        // whether a memory gets it right swings that memory's error by ~0.6; over the 12 memories of rho = 0 and SGD
        // (independent codebooks) that makes a standard deviation of about 0.06 on the difference of the two means.
        Assert.InRange(oursError, 0.01, 0.8);
        Assert.InRange(peerError, 0.01, 0.8);
        Assert.True(Math.Abs(oursError - peerError) < 0.2, $"ours {oursError} vs peer {peerError}");
        Assert.True(peer.Run(1) > 0);
    }

    [Fact]
    public void One_iteration_is_one_whole_sweep_of_every_estimator_and_dimension()
    {
        using OuterProductSweepRun work = OuterProductSweepRun.Tiny();
        work.Setup();
        work.Checksum();
        SweepResult sweep = work.LastSweep!;
        Assert.Equal(1 * 6 * 4, sweep.Points.Count);                       // draws x dims x estimators
        Assert.Equal(EstimatorSpec.Standard.Select(e => e.Name).ToHashSet(), sweep.Points.Select(p => p.Estimator).ToHashSet());
        Assert.Equal(2.5, work.ToUnit(2.5));
        Assert.Equal(0.5, work.Target!.Ratio);
    }
}
