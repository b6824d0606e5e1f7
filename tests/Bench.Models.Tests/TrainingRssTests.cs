using Trainer.Bench.Models.Workloads;

namespace Trainer.Bench.Models.Tests;

/// <summary>The long-run RSS workload: the same training steps as the python3-torch peer.</summary>
/// <remarks>In the collection of the other peer tests: manual_seed is process-wide, and the harness extracts each peer
/// script to one folder per process that the first finished peer deletes.</remarks>
[Collection("gpt peer")]
public sealed class TrainingRssTests
{
    [Fact]
    public void Ours_and_the_python_peer_reach_the_same_loss_after_100_steps()
    {
        using var ours = new TrainingRss();
        ours.Setup();
        double oursLoss = ours.Checksum();

        using PeerProcess peer = PeerProcess.Start(ours.PeerScript, 1, 1);
        double peerLoss = peer.Setup(ours.Name);

        // Same seed, init order, data, clip and AdamW: float rounding only, compounded over 100 steps.
        Assert.True(Math.Abs(oursLoss - peerLoss) <= 1e-4 * Math.Abs(peerLoss), $"ours {oursLoss} vs peer {peerLoss}");
        Assert.True(peer.Run(1) > 0);
    }

    [Fact]
    public void Training_lowers_the_loss_below_chance()
    {
        using var work = new TrainingRss();
        work.Setup();
        double first = work.Checksum();
        work.Run(3);
        double later = work.Checksum();
        // 32 fixed examples, 10 classes: chance is ln 10 = 2.30; the model memorises them.
        Assert.True(first < Math.Log(10), $"loss after 100 steps {first}");
        Assert.True(later < first, $"loss {first} -> {later}");
        Assert.Equal(1000, work.ToUnit(1));
    }
}
