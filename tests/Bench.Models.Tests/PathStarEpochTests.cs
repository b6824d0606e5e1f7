using Trainer.Bench.Models.Workloads;

namespace Trainer.Bench.Models.Tests;

/// <summary>The path-star epoch workload (issue 8, workload 2) at a tiny shape.</summary>
/// <remarks>Sequential with the other peer tests: manual_seed is process-wide, and the harness extracts each peer
/// script to one folder per process that the first finished peer deletes.</remarks>
[Collection("gpt peer")]
public sealed class PathStarEpochTests
{
    [Fact]
    public void Ours_and_the_python_peer_train_the_same_epoch_from_the_written_rows()
    {
        using var ours = new PathStarEpoch(PathStarShape.Tiny, "path-star-epoch-tiny");
        ours.Setup();
        double oursLoss = ours.Checksum();

        using PeerProcess peer = PeerProcess.Start(ours.PeerScript, 1, 1);
        double peerLoss = peer.Setup(ours.Name);

        Assert.True(Math.Abs(oursLoss - peerLoss) <= 1e-5 * Math.Abs(peerLoss), $"ours {oursLoss} vs peer {peerLoss}");
    }

    [Fact]
    public void An_epoch_is_every_forward_and_backward_edge_once()
    {
        PathStarShape s = PathStarShape.Tiny;
        using var work = new PathStarEpoch(s, "path-star-epoch-tiny");
        work.Setup();
        var rows = work.Sequences!;
        int edges = 2 * s.Degree * (s.PathLength - 1); // forward and backward edges of the star
        Assert.Equal(edges, rows.Count);
        Assert.Equal(2, rows.Length);
        Assert.Equal((edges + s.BatchSize - 1) / s.BatchSize, work.StepsPerEpoch);
        var pairs = new HashSet<(int, int)>();
        for (int r = 0; r < rows.Count; r++)
        {
            Assert.Equal(-1, rows.Targets[2 * r]);
            pairs.Add((rows.Inputs[2 * r + 1], rows.Targets[2 * r + 1]));
        }

        Assert.Equal(edges, pairs.Count);
        Assert.All(pairs, p => Assert.Contains((p.Item2, p.Item1), pairs)); // every edge in both directions

        int[] header = ReadInts(work.DataPath, 3);
        Assert.Equal(new[] { rows.Count, rows.Length, s.Degree * (s.PathLength - 1) + 1 + 9 }, header);
    }

    [Fact]
    public void The_unit_is_epochs_per_minute_and_more_is_better()
    {
        using var work = new PathStarEpoch();
        Assert.Equal(2.0, work.ToUnit(30.0), 12);
        Assert.Equal(Better.Higher, work.Better);
        Assert.Equal("path-star-epoch", work.Name);
    }

    private static int[] ReadInts(string path, int count)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        return Enumerable.Range(0, count).Select(_ => reader.ReadInt32()).ToArray();
    }
}
