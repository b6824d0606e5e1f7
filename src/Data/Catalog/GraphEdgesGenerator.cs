using Trainer.Data.Graphs;
using Trainer.Data.Storage;
using Trainer.Data.Tasks;

namespace Trainer.Data.Catalog;

/// <summary>Config of "graph-edges" (JSON keys snake_case; the graph is a nested <see cref="GraphSpec"/>).</summary>
public sealed record GraphEdgesConfig
{
    /// <summary>The graph.</summary>
    public GraphSpec Graph { get; init; } = new();

    /// <summary>Add <c>[EDGE] u -&gt; u</c> for every node.</summary>
    public bool SelfEdges { get; init; }

    /// <summary>Also write the dense adjacency (n x n float32) and all-pairs distances (n x n int32), for n &lt;= 4096.</summary>
    public bool Dense { get; init; } = true;
}

/// <summary>
/// Catalog entry "graph-edges": edge-memorisation data for any graph family (the tiny-graph experiments).
/// Arrays: edges (E, 2) undirected u &lt;= v, degrees (n), components (n), examples_{inputs, targets},
/// optionally adjacency (n, n) and distances (n, n); text examples. See <see cref="EdgeTask"/>.
/// </summary>
public sealed class GraphEdgesGenerator : DataGenerator<GraphEdgesConfig>
{
    /// <inheritdoc />
    public override string Name => "graph-edges";

    /// <inheritdoc />
    public override string Description => "edge examples [EDGE] u -> v (both directions, optional self-edges) for path-star, grid, cycle, irregular, Erdos-Renyi or SBM graphs";

    /// <inheritdoc />
    public override Dataset Build(GraphEdgesConfig config, ulong seed)
    {
        var graph = config.Graph.Build(seed);
        var vocab = new PathStarVocabulary(graph.NodeCount);
        var examples = EdgeTask.Build(graph, config.SelfEdges);
        var data = NewDataset(config, seed);
        int[] edges = graph.EdgeList();
        data.Add(DataArray.Of("edges", edges, edges.Length / 2, 2));
        data.Add(DataArray.Of("degrees", graph.Degrees()));
        var components = GraphAlgorithms.ConnectedComponents(graph);
        data.Add(DataArray.Of("components", components.Labels));
        ExampleArrays.Add(data, "examples", examples, vocab.Pad);
        int n = graph.NodeCount;
        if (config.Dense && n <= 4096)
        {
            data.Add(DataArray.Of("adjacency", graph.DenseAdjacency(), n, n));
            data.Add(DataArray.Of("distances", GraphAlgorithms.AllPairsDistances(graph), n, n));
        }
        data.AddText("examples", TokenText.RenderAll(vocab, examples));
        data.Info["node_count"] = n;
        data.Info["edge_count"] = graph.EdgeCount;
        data.Info["component_count"] = components.Count;
        data.Info["vocab_size"] = vocab.Size;
        data.Info["pad_token"] = vocab.Pad;
        data.Info["edge_token"] = vocab.EdgeToken;
        return data;
    }
}
