using System.Text.Json.Serialization;

namespace Trainer.Data.Tasks;

/// <summary>Training recipes of the in-weights path-star task (paper digest 3.2).</summary>
public enum PathStarRecipe
{
    /// <summary>Edges and full-path examples shuffled together (the paper's default).</summary>
    MixedFullPath,

    /// <summary>Edge examples first, then full-path examples.</summary>
    StagedFullPath,

    /// <summary>Edges and hardest-token path examples (target n1 only) shuffled together.</summary>
    MixedHardestToken,

    /// <summary>Edge examples first, then hardest-token path examples.</summary>
    StagedHardestToken,
}

/// <summary>
/// Configuration of the in-weights path-star task. JSON keys are the snake_case property names
/// (<c>degree</c>, <c>path_length</c>, ...). Defaults follow the paper: 10^4 arms, paths of 6 nodes.
/// </summary>
public sealed record PathStarTaskConfig
{
    /// <summary>Arms at the root (paper: star_degree).</summary>
    public int Degree { get; init; } = 10_000;

    /// <summary>Nodes per root-to-leaf path, root included.</summary>
    public int PathLength { get; init; } = 6;

    /// <summary>Children per inner arm node; &gt; 1 builds a star-tree.</summary>
    public int SubtreeDegree { get; init; } = 1;

    /// <summary>Hand out node ids from a random permutation (root is then not 0).</summary>
    public bool RandomizeNodeIds { get; init; } = true;

    /// <summary>Fraction of root-to-leaf paths used for training; the rest are held out (floor(P * f) train).</summary>
    public double TrainFraction { get; init; } = 0.75;

    /// <summary>Star-trees only: split by the arm's first node instead of by leaf.</summary>
    public bool SplitBySubtree { get; init; }

    /// <summary>Edge examples parent -&gt; child.</summary>
    public bool ForwardEdges { get; init; } = true;

    /// <summary>Edge examples child -&gt; parent.</summary>
    public bool BackwardEdges { get; init; } = true;

    /// <summary>Edge examples u -&gt; u for every node.</summary>
    public bool SelfEdges { get; init; }

    /// <summary>Keep a <c>[PAUSE]</c> after the source node of edge examples (the paper drops it).</summary>
    public bool EdgePause { get; init; }

    /// <summary><c>[PAUSE]</c> tokens after the leaf of path prompts.</summary>
    public int PathPauseCount { get; init; } = 1;

    /// <summary>Staged or mixed, full path or hardest token.</summary>
    public PathStarRecipe Recipe { get; init; } = PathStarRecipe.MixedFullPath;

    /// <summary>Full-path targets written leaf to root instead of root to leaf.</summary>
    public bool ReversePath { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending key.</summary>
    public void Validate()
    {
        if (Degree < 1)
        {
            throw new ArgumentException($"degree must be >= 1, got {Degree}");
        }
        if (PathLength < 2)
        {
            throw new ArgumentException($"path_length must be >= 2, got {PathLength}");
        }
        if (SubtreeDegree < 1)
        {
            throw new ArgumentException($"subtree_degree must be >= 1, got {SubtreeDegree}");
        }
        if (!(TrainFraction >= 0 && TrainFraction <= 1))
        {
            throw new ArgumentException($"train_fraction must lie in [0, 1], got {TrainFraction}");
        }
        if (PathPauseCount < 0)
        {
            throw new ArgumentException($"path_pause_count must be >= 0, got {PathPauseCount}");
        }
        if (!ForwardEdges && !BackwardEdges && !SelfEdges)
        {
            throw new ArgumentException("forward_edges, backward_edges and self_edges are all false: no edge examples");
        }
    }

    /// <summary>True for the two hardest-token recipes.</summary>
    [JsonIgnore]
    public bool HardestToken => Recipe is PathStarRecipe.MixedHardestToken or PathStarRecipe.StagedHardestToken;

    /// <summary>True for the two mixed recipes.</summary>
    [JsonIgnore]
    public bool Mixed => Recipe is PathStarRecipe.MixedFullPath or PathStarRecipe.MixedHardestToken;
}
