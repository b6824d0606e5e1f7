using Trainer.Data.Graphs;
using Trainer.Data.Storage;
using Trainer.Data.Walks;

namespace Trainer.Data.Catalog;

/// <summary>Config of "node2vec" (JSON keys snake_case; the graph is a nested <see cref="GraphSpec"/>).</summary>
public sealed record Node2VecDataConfig
{
    /// <summary>The graph walked on.</summary>
    public GraphSpec Graph { get; init; } = new();

    /// <summary>Return parameter p.</summary>
    public double P { get; init; } = 1;

    /// <summary>In-out parameter q.</summary>
    public double Q { get; init; } = 1;

    /// <summary>Walks started from every node.</summary>
    public int WalksPerNode { get; init; } = 10;

    /// <summary>Nodes per walk, start included.</summary>
    public int WalkLength { get; init; } = 80;

    /// <summary>Context window: pairs at distance 1..window.</summary>
    public int Window { get; init; } = 5;

    /// <summary>Negatives per pair (0 for none).</summary>
    public int Negatives { get; init; } = 5;

    /// <summary>Unigram^power of walk frequencies, or uniform.</summary>
    public NegativeDistribution NegativeDistribution { get; init; } = NegativeDistribution.Unigram;

    /// <summary>Exponent of the unigram law.</summary>
    public double NegativePower { get; init; } = 0.75;

    /// <summary>Visit start nodes in a fresh random order each round.</summary>
    public bool ShuffleStarts { get; init; } = true;

    /// <summary>Write the (centre, context) pairs and negatives (false: walks only).</summary>
    public bool EmitPairs { get; init; } = true;

    /// <summary>Worker threads (0 = all processors); the output does not depend on it.</summary>
    public int Threads { get; init; }
}

/// <summary>
/// Catalog entry "node2vec": walks (W, L) with -1 after dead ends, node_counts (n) int64, edges (E, 2) and, with
/// emit_pairs, pairs (K, 2) (centre, context) and negatives (K, k). Info: alias_bytes. See <see cref="Node2VecWalker"/>.
/// </summary>
public sealed class Node2VecGenerator : DataGenerator<Node2VecDataConfig>
{
    /// <inheritdoc />
    public override string Name => "node2vec";

    /// <inheritdoc />
    public override string Description => "node2vec walks (p, q biased, alias tables), skip-gram context pairs and unigram^0.75 negatives on any graph family";

    /// <inheritdoc />
    public override Dataset Build(Node2VecDataConfig config, ulong seed)
    {
        if (config.WalksPerNode < 1 || config.WalkLength < 1 || config.Window < 1 || config.Negatives < 0)
        {
            throw new ArgumentException("walks_per_node, walk_length and window must be >= 1 and negatives >= 0");
        }
        var graph = config.Graph.Build(seed);
        var walker = new Node2VecWalker(graph, config.P, config.Q, config.Threads);
        int[] walks = walker.Walks(config.WalksPerNode, config.WalkLength, seed, config.Threads, config.ShuffleStarts);
        long[] counts = SkipGram.NodeCounts(walks, graph.NodeCount);
        var data = NewDataset(config, seed);
        data.Add(DataArray.Of("walks", walks, walks.Length / config.WalkLength, config.WalkLength));
        data.Add(DataArray.Of("node_counts", counts));
        int[] edges = graph.EdgeList();
        data.Add(DataArray.Of("edges", edges, edges.Length / 2, 2));
        if (config.EmitPairs)
        {
            int[] pairs = SkipGram.Pairs(walks, config.WalkLength, config.Window, config.Threads);
            data.Add(DataArray.Of("pairs", pairs, pairs.Length / 2, 2));
            if (config.Negatives > 0)
            {
                var sampler = new NegativeSampler(counts, config.NegativeDistribution, config.NegativePower);
                int[] negatives = sampler.Sample(pairs.Length / 2, config.Negatives, seed, config.Threads);
                data.Add(DataArray.Of("negatives", negatives, pairs.Length / 2, config.Negatives));
            }
        }
        data.Info["node_count"] = graph.NodeCount;
        data.Info["edge_count"] = graph.EdgeCount;
        data.Info["alias_bytes"] = walker.AliasBytes;
        return data;
    }
}
