using Trainer.Data.Graphs;

namespace Trainer.Training.Probes;

/// <summary>Config of <see cref="EdgeRecoveryProbe"/>.</summary>
public sealed record EdgeRecoveryConfig
{
    /// <summary>k of top-k recovery (paper: 5).</summary>
    public int K { get; init; } = 5;
}

/// <summary>Result of <see cref="EdgeRecoveryProbe"/>.</summary>
/// <param name="K">k used.</param>
/// <param name="TopKRecovery">Share of directed edges (u, v), u != v, with v among u's top-k answers.</param>
/// <param name="Top1Accuracy">Share of nodes with a neighbour whose best answer is a neighbour.</param>
/// <param name="DirectedEdges">Directed edges counted (both directions of each undirected edge).</param>
/// <param name="Nodes">Nodes with at least one neighbour other than themselves.</param>
public sealed record EdgeRecoveryResult(int K, double TopKRecovery, double Top1Accuracy, int DirectedEdges, int Nodes);

/// <summary>
/// Associative memorisation (paper section 3.4): for each node u, the model's top-k node answers to
/// <c>[EDGE] u</c> (pure embeddings: top-k of e_u . e_w, w != u); TopKRecovery = |{(u, v) in edges : v in top_k(u)}| / |edges|.
/// Top-1 accuracy asks, per node, whether the single best answer is any neighbour (a node with several neighbours
/// has several right answers). Self-loops are not edges here.
/// </summary>
public sealed class EdgeRecoveryProbe
{
    public EdgeRecoveryProbe(EdgeRecoveryConfig? config = null)
    {
        Config = config ?? new EdgeRecoveryConfig();
        if (Config.K < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(config), Config.K, "k must be >= 1");
        }
    }

    public EdgeRecoveryConfig Config { get; }

    public EdgeRecoveryResult Run(ScoreMatrix scores, Graph graph)
    {
        if (scores.NodeCount != graph.NodeCount)
        {
            throw new ArgumentException($"scores cover {scores.NodeCount} nodes, the graph has {graph.NodeCount}");
        }

        int edges = 0;
        int found = 0;
        int nodes = 0;
        int top1 = 0;
        for (int u = 0; u < graph.NodeCount; u++)
        {
            int[] top = scores.TopK(u, Config.K);
            int neighbours = 0;
            foreach (int v in graph.Neighbors(u))
            {
                if (v == u)
                {
                    continue;
                }

                neighbours++;
                if (Array.IndexOf(top, v) >= 0)
                {
                    found++;
                }
            }

            edges += neighbours;
            if (neighbours > 0)
            {
                nodes++;
                if (top.Length > 0 && top[0] != u && graph.HasEdge(u, top[0]))
                {
                    top1++;
                }
            }
        }

        return new EdgeRecoveryResult(
            Config.K,
            edges > 0 ? (double)found / edges : double.NaN,
            nodes > 0 ? (double)top1 / nodes : double.NaN,
            edges,
            nodes);
    }
}
