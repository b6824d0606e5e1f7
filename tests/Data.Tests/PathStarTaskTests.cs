using Trainer.Data.Graphs;
using Trainer.Data.Tasks;

namespace Trainer.Data.Tests;

public class PathStarTaskTests
{
    private static PathStarTaskConfig Small(PathStarRecipe recipe = PathStarRecipe.MixedFullPath) =>
        new() { Degree = 40, PathLength = 5, Recipe = recipe };

    [Fact]
    public void Vocabulary_places_the_specials_after_the_nodes()
    {
        var v = new PathStarVocabulary(17);
        Assert.Equal(26, v.Size);
        Assert.Equal((17, 18, 19, 20, 21, 22, 23, 24, 25), (v.Pipe, v.PauseToken, v.Slash, v.Dollar, v.Greater, v.Less, v.Pad, v.EdgeToken, v.PathToken));
        Assert.Equal("[EDGE] 12 -> 7", TokenText.Render(v, new TokenExample([24, 12], [7])));
    }

    [Fact]
    public void Split_sizes_are_floor_of_the_train_fraction_and_cover_every_leaf_once()
    {
        var task = PathStarTask.Build(Small(), 1);
        Assert.Equal(30, task.TrainPathIndices.Length);
        Assert.Equal(10, task.TestPathIndices.Length);
        Assert.Equal(Enumerable.Range(0, 40), task.TrainPathIndices.Concat(task.TestPathIndices).Order());
        var odd = PathStarTask.Build(Small() with { Degree = 7, TrainFraction = 0.75 }, 1);
        Assert.Equal(5, odd.TrainPathIndices.Length);
    }

    [Fact]
    public void Every_path_line_follows_real_edges_from_the_root_to_its_leaf()
    {
        var task = PathStarTask.Build(Small(), 2);
        var g = task.Graph;
        var forward = new HashSet<(int, int)>();
        for (int i = 0; i < g.ForwardEdges.Length; i += 2)
        {
            forward.Add((g.ForwardEdges[i], g.ForwardEdges[i + 1]));
        }
        var lines = TokenText.RenderAll(task.Vocabulary, [.. task.TrainExamples, .. task.TestExamples]);
        foreach (string line in lines)
        {
            var e = TokenText.Parse(task.Vocabulary, line);
            Assert.Equal([task.Vocabulary.PathToken, e.Target[^1], task.Vocabulary.PauseToken], e.Prompt);
            Assert.Equal(5, e.Target.Length);
            Assert.Equal(g.Root, e.Target[0]);
            for (int k = 1; k < e.Target.Length; k++)
            {
                Assert.Contains((e.Target[k - 1], e.Target[k]), forward);
            }
        }
        Assert.Equal(40, lines.Distinct().Count());
    }

    [Fact]
    public void Edge_examples_cover_forward_backward_and_self_edges()
    {
        var config = Small() with { SelfEdges = true };
        var task = PathStarTask.Build(config, 3);
        int n = task.Graph.NodeCount;
        Assert.Equal(161, n);
        Assert.Equal(2 * (n - 1) + n, task.EdgeExamples.Length);
        var pairs = task.EdgeExamples.Select(e => (e.Prompt[1], e.Target[0])).ToHashSet();
        Assert.Equal(task.EdgeExamples.Length, pairs.Count);
        Assert.All(pairs, p => Assert.True(p.Item1 == p.Item2 || task.Graph.Graph.HasEdge(p.Item1, p.Item2)));
        var forwardOnly = PathStarTask.Build(Small() with { BackwardEdges = false }, 3);
        Assert.Equal(n - 1, forwardOnly.EdgeExamples.Length);
    }

    [Fact]
    public void Hardest_token_targets_are_the_first_node_after_the_root()
    {
        var task = PathStarTask.Build(Small(PathStarRecipe.StagedHardestToken), 4);
        for (int i = 0; i < task.TrainPathIndices.Length; i++)
        {
            var path = task.Graph.Path(task.TrainPathIndices[i]);
            Assert.Equal([path[1]], task.TrainExamples[i].Target);
            Assert.Equal(path[^1], task.TrainExamples[i].Prompt[1]);
        }
    }

    [Fact]
    public void Staged_recipes_keep_edges_then_paths_and_mixed_recipes_shuffle_their_union()
    {
        var staged = PathStarTask.Build(Small(PathStarRecipe.StagedFullPath), 5);
        Assert.Equal(["edges", "paths"], staged.Stages.Select(s => s.Name));
        Assert.Same(staged.EdgeExamples, staged.Stages[0].Examples);
        var mixed = PathStarTask.Build(Small(), 5);
        var stage = Assert.Single(mixed.Stages);
        Assert.Equal(mixed.EdgeExamples.Length + mixed.TrainExamples.Length, stage.Examples.Count);
        var expected = mixed.EdgeExamples.Concat(mixed.TrainExamples).Select(e => TokenText.Render(mixed.Vocabulary, e)).Order();
        Assert.Equal(expected, stage.Examples.Select(e => TokenText.Render(mixed.Vocabulary, e)).Order());
        Assert.NotEqual(stage.Examples[0], mixed.EdgeExamples[0]);
    }

    [Fact]
    public void Encoded_targets_ignore_the_prompt_and_padding()
    {
        var v = new PathStarVocabulary(17);
        var examples = new[] { new TokenExample([24, 12], [7]), new TokenExample([25, 4, 18], [0, 9, 3, 4]) };
        var s = SequenceArrays.Encode(examples, v.Pad);
        Assert.Equal(6, s.Length);
        Assert.Equal([24, 12, 23, 23, 23, 23], s.Inputs[..6]);
        Assert.Equal([-1, 7, -1, -1, -1, -1], s.Targets[..6]);
        Assert.Equal([25, 4, 18, 0, 9, 3], s.Inputs[6..]);
        Assert.Equal([-1, -1, 0, 9, 3, 4], s.Targets[6..]);
        var t = SequenceArrays.Encode(examples, v.Pad, 0, v.Dollar);
        Assert.Equal([25, 4, 18, 20, 20, 20], t.Inputs[6..]);
    }

    [Fact]
    public void Text_lines_parse_back_to_the_same_tokens()
    {
        var task = PathStarTask.Build(Small() with { EdgePause = true, PathPauseCount = 2, ReversePath = true }, 6);
        foreach (var e in task.EdgeExamples.Concat(task.TrainExamples))
        {
            var back = TokenText.Parse(task.Vocabulary, TokenText.Render(task.Vocabulary, e));
            Assert.Equal(e.Prompt, back.Prompt);
            Assert.Equal(e.Target, back.Target);
        }
        Assert.Throws<FormatException>(() => TokenText.Parse(task.Vocabulary, "[EDGE] 999999 -> 1"));
        Assert.Throws<FormatException>(() => TokenText.Parse(task.Vocabulary, "[EDGE] 1 2"));
    }

    [Fact]
    public void Tiny_graph_edge_datasets_list_both_directions_and_optional_self_edges()
    {
        var grid = GraphFamilies.Grid(4, 4);
        var edges = EdgeTask.Build(grid, selfEdges: false);
        Assert.Equal(2 * 24, edges.Length);
        Assert.All(edges, e => Assert.True(grid.HasEdge(e.Prompt[1], e.Target[0])));
        var withSelf = EdgeTask.Build(grid, selfEdges: true);
        Assert.Equal(48 + 16, withSelf.Length);
        Assert.Equal(16, withSelf.Count(e => e.Prompt[1] == e.Target[0]));
    }

    [Fact]
    public void Split_by_subtree_keeps_each_arm_on_one_side()
    {
        var config = new PathStarTaskConfig { Degree = 8, PathLength = 4, SubtreeDegree = 2, SplitBySubtree = true };
        var task = PathStarTask.Build(config, 7);
        Assert.Equal(6 * 4, task.TrainPathIndices.Length);
        var trainArms = task.TrainPathIndices.Select(i => task.Graph.Path(i)[1]).ToHashSet();
        var testArms = task.TestPathIndices.Select(i => task.Graph.Path(i)[1]).ToHashSet();
        Assert.Empty(trainArms.Intersect(testArms));
        Assert.Equal(6, trainArms.Count);
    }
}
