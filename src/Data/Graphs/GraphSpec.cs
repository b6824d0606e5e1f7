using Trainer.Data.Randomness;

namespace Trainer.Data.Graphs;

/// <summary>Graph families a <see cref="GraphSpec"/> can name.</summary>
public enum GraphFamily
{
    /// <summary>Path-star (subtree_degree 1) or star-tree: degree, path_length, subtree_degree.</summary>
    PathStar,

    /// <summary>rows x cols grid.</summary>
    Grid,

    /// <summary>Cycle of nodes.</summary>
    Cycle,

    /// <summary>The fixed 16-node, 20-edge irregular graph.</summary>
    Irregular,

    /// <summary>G(nodes, edge_probability).</summary>
    ErdosRenyi,

    /// <summary>Stochastic block model: block_sizes, p_in, p_out.</summary>
    Sbm,
}

/// <summary>
/// A graph named by family and parameters, as it appears in data configs (nested object <c>"graph"</c>, keys
/// snake_case). Only the fields of the chosen family are read. Example:
/// <c>{"family": "grid", "rows": 4, "cols": 4}</c> or <c>{"family": "erdos_renyi", "nodes": 100000, "edge_probability": 1e-4}</c>.
/// </summary>
public sealed record GraphSpec
{
    /// <summary>Which family.</summary>
    public GraphFamily Family { get; init; } = GraphFamily.PathStar;

    /// <summary>Path-star: arms at the root.</summary>
    public int Degree { get; init; } = 4;

    /// <summary>Path-star: nodes per root-to-leaf path, root included.</summary>
    public int PathLength { get; init; } = 5;

    /// <summary>Path-star: children per inner arm node (star-tree when &gt; 1).</summary>
    public int SubtreeDegree { get; init; } = 1;

    /// <summary>Grid rows.</summary>
    public int Rows { get; init; } = 4;

    /// <summary>Grid columns.</summary>
    public int Cols { get; init; } = 4;

    /// <summary>Cycle and Erdos-Renyi: node count.</summary>
    public int Nodes { get; init; } = 15;

    /// <summary>Erdos-Renyi: probability of each edge.</summary>
    public double EdgeProbability { get; init; } = 0.1;

    /// <summary>SBM: nodes per block.</summary>
    public int[] BlockSizes { get; init; } = [8, 8];

    /// <summary>SBM: edge probability inside a block.</summary>
    public double PIn { get; init; } = 0.5;

    /// <summary>SBM: edge probability between blocks.</summary>
    public double POut { get; init; } = 0.05;

    /// <summary>Rename the nodes by a random permutation after building.</summary>
    public bool RandomizeNodeIds { get; init; }

    /// <summary>Builds the undirected graph; random families and relabelling draw from substreams of the seed.</summary>
    public Graph Build(ulong seed)
    {
        var graph = Family switch
        {
            GraphFamily.PathStar => PathStarGraph.Build(Degree, PathLength, SubtreeDegree).Graph,
            GraphFamily.Grid => GraphFamilies.Grid(Rows, Cols),
            GraphFamily.Cycle => GraphFamilies.Cycle(Nodes),
            GraphFamily.Irregular => GraphFamilies.Irregular16(),
            GraphFamily.ErdosRenyi => GraphFamilies.ErdosRenyi(Nodes, EdgeProbability, Rng.ForPurpose(seed, "graph")),
            GraphFamily.Sbm => GraphFamilies.StochasticBlockModel(BlockSizes, PIn, POut, Rng.ForPurpose(seed, "graph")),
            _ => throw new ArgumentException($"unknown graph family {Family}"),
        };
        if (RandomizeNodeIds)
        {
            graph = graph.Relabel(Sampling.Permutation(Rng.ForPurpose(seed, "node-ids"), graph.NodeCount));
        }
        return graph;
    }
}
