using Trainer.Bench.Models.Workloads;

namespace Trainer.Bench.Models.Tests;

/// <summary>The Node2Vec workload (issue 8, workload 3) on a tiny SBM: ours and gensim train on the same walk file.</summary>
/// <remarks>In the collection of the other peer tests: manual_seed is process-wide, and the harness extracts each peer
/// script to one folder per process that the first finished peer deletes.</remarks>
[Collection("gpt peer")]
public sealed class Node2VecEpochTests
{
    [Fact]
    public void Ours_and_gensim_both_learn_the_blocks_from_the_same_walks()
    {
        using Node2VecEpoch ours = Node2VecEpoch.Tiny();
        ours.Setup();
        string dir = Node2VecEpoch.SharedDirectory;
        string[] walks = File.ReadAllLines(Path.Combine(dir, "walks.txt"));
        Assert.Equal(4 * 50 * 10, walks.Length);                 // 10 walks from every node
        double oursAuc = ours.Checksum();

        using PeerProcess peer = PeerProcess.Start(ours.PeerScript, 1, 1);
        double gensimAuc = peer.Setup(ours.Name);
        Console.Error.WriteLine($"node2vec tiny: dot AUC ours {oursAuc}, gensim {gensimAuc}");

        // 4 blocks with p_in 0.2 >> p_out 0.01: held-out edges are mostly within a block, non-edges mostly across,
        // so any embedding that learned the blocks ranks them well above chance (0.5).
        Assert.InRange(oursAuc, 0.65, 1.0);
        Assert.InRange(gensimAuc, 0.65, 1.0);
        Assert.True(Math.Abs(oursAuc - gensimAuc) < 0.15, $"ours {oursAuc} vs gensim {gensimAuc}");
        Assert.True(peer.Run(1) > 0);
    }

    [Fact]
    public void The_pairs_file_holds_the_held_out_edges_then_as_many_non_edges()
    {
        using Node2VecEpoch work = Node2VecEpoch.Tiny();
        work.Setup();
        string[] lines = File.ReadAllLines(Path.Combine(Node2VecEpoch.SharedDirectory, "pairs.txt"));
        Assert.Equal("200 16 5 5 5", lines[0]);
        int positives = lines.Skip(1).Count(l => l.EndsWith(" 1", StringComparison.Ordinal));
        int negatives = lines.Skip(1).Count(l => l.EndsWith(" 0", StringComparison.Ordinal));
        Assert.True(positives > 0);
        Assert.Equal(positives, negatives);
        Assert.Equal(lines.Length - 1, positives + negatives);
    }

    [Fact]
    public void Dispose_removes_the_shared_folder_and_the_unit_is_seconds_per_epoch()
    {
        var work = Node2VecEpoch.Tiny();
        work.Setup();
        Assert.True(Directory.Exists(Node2VecEpoch.SharedDirectory));
        Assert.Equal(0.25, work.ToUnit(0.25));
        var (name, seconds) = Assert.Single(work.Layers);
        Assert.Equal("walks only", name);
        Assert.True(seconds(1) > 0);
        work.Dispose();
        Assert.False(Directory.Exists(Node2VecEpoch.SharedDirectory));
    }
}
