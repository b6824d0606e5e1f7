using System.Text.Json.Nodes;
using Trainer.Data.Storage;
using Trainer.Data.Tasks;

namespace Trainer.Data.Catalog;

/// <summary>
/// Catalog entry "path-star": the in-weights path-star task. Arrays: graph_edges (E, 2) parent -&gt; child,
/// paths (P, L) root..leaf, train_paths / test_paths (row indices), then {edges, train, test}_{inputs, targets}
/// and, for mixed recipes, mixed_{inputs, targets}; texts edges, train, test. See <see cref="PathStarTask"/>.
/// </summary>
public sealed class PathStarGenerator : DataGenerator<PathStarTaskConfig>
{
    /// <inheritdoc />
    public override string Name => "path-star";

    /// <inheritdoc />
    public override string Description => "in-weights path-star task: one fixed graph, [EDGE] u -> v and [PATH] leaf [PAUSE] -> path examples, 75/25 leaf split";

    /// <inheritdoc />
    public override Dataset Build(PathStarTaskConfig config, ulong seed)
    {
        var task = PathStarTask.Build(config, seed);
        var g = task.Graph;
        var v = task.Vocabulary;
        var data = NewDataset(config, seed);
        data.Add(DataArray.Of("graph_edges", g.ForwardEdges, g.ForwardEdges.Length / 2, 2));
        data.Add(DataArray.Of("paths", g.Paths, g.PathCount, g.PathLength));
        data.Add(DataArray.Of("train_paths", task.TrainPathIndices));
        data.Add(DataArray.Of("test_paths", task.TestPathIndices));
        ExampleArrays.Add(data, "edges", task.EdgeExamples, v.Pad);
        ExampleArrays.Add(data, "train", task.TrainExamples, v.Pad);
        ExampleArrays.Add(data, "test", task.TestExamples, v.Pad);
        if (config.Mixed)
        {
            ExampleArrays.Add(data, "mixed", task.Stages[0].Examples, v.Pad);
        }
        data.AddText("edges", TokenText.RenderAll(v, task.EdgeExamples));
        data.AddText("train", TokenText.RenderAll(v, task.TrainExamples));
        data.AddText("test", TokenText.RenderAll(v, task.TestExamples));
        data.Info["node_count"] = g.NodeCount;
        data.Info["vocab_size"] = v.Size;
        data.Info["root"] = g.Root;
        data.Info["pad_token"] = v.Pad;
        data.Info["edge_token"] = v.EdgeToken;
        data.Info["path_token"] = v.PathToken;
        data.Info["pause_token"] = v.PauseToken;
        data.Info["stages"] = config.Mixed ? new JsonArray("mixed") : new JsonArray("edges", "train");
        return data;
    }
}
