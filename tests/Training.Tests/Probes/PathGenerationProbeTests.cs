using Trainer.Data.Graphs;
using Trainer.Data.Tasks;
using Trainer.Training.Probes;

namespace Trainer.Training.Tests.Probes;

public class PathGenerationProbeTests
{
    private static readonly PathStarGraph Star = PathStarGraph.Build(3, 4);

    private static List<TokenExample> Examples()
    {
        var vocab = new PathStarVocabulary(Star.NodeCount);
        return Enumerable.Range(0, Star.PathCount)
            .Select(i => new TokenExample([vocab.PathToken, Star.Path(i)[^1], vocab.PauseToken], Star.Path(i).ToArray()))
            .ToList();
    }

    private static long[] TargetOf(long[] prompt) =>
        Enumerable.Range(0, Star.PathCount).Select(i => Star.Path(i).ToArray()).Single(p => p[^1] == prompt[1]).Select(t => (long)t).ToArray();

    [Fact]
    public void A_generator_that_writes_the_right_path_scores_one_everywhere()
    {
        var examples = Examples();
        NodeRoles roles = NodeRoles.Of(Star.Graph);
        PathGenerationResult r = PathGenerationProbe.Run((prompt, n) => TargetOf(prompt), examples, Star.Graph, roles.Depth);
        Assert.Equal(3, r.Examples);
        Assert.Equal(1.0, r.SequenceAccuracy);
        Assert.Equal(1.0, r.TokenAccuracy);
        Assert.Equal(1.0, r.ChildAccuracy);
        Assert.Equal([1.0, 1, 1, 1], r.TokenAccuracyByPosition);
    }

    [Fact]
    public void A_generator_that_always_takes_the_first_arm_is_right_once_and_always_walks_children()
    {
        // Paths: [0,1,2,3], [0,4,5,6], [0,7,8,9]; the generator always answers path 0.
        var examples = Examples();
        NodeRoles roles = NodeRoles.Of(Star.Graph);
        long[] first = Star.Path(0).ToArray().Select(t => (long)t).ToArray();
        PathGenerationResult r = PathGenerationProbe.Run((_, _) => first, examples, Star.Graph, roles.Depth);
        Assert.Equal(1.0 / 3, r.SequenceAccuracy, 12);
        Assert.Equal((4 + 1 + 1) / 12.0, r.TokenAccuracy, 12); // the root is always right
        Assert.Equal(1.0, r.ChildAccuracy);
        Assert.Equal([1.0, 1.0 / 3, 1.0 / 3, 1.0 / 3], r.TokenAccuracyByPosition);
    }

    [Fact]
    public void Walking_back_towards_the_root_or_jumping_is_not_a_child_step()
    {
        NodeRoles roles = NodeRoles.Of(Star.Graph);
        Assert.True(PathGenerationProbe.IsChild(Star.Graph, roles.Depth, 1, 2));
        Assert.False(PathGenerationProbe.IsChild(Star.Graph, roles.Depth, 2, 1));
        Assert.False(PathGenerationProbe.IsChild(Star.Graph, roles.Depth, 1, 5));
        Assert.False(PathGenerationProbe.IsChild(Star.Graph, roles.Depth, 1, 99));
        Assert.True(PathGenerationProbe.IsChild(Star.Graph, null, 2, 1));
    }

    [Fact]
    public void A_generator_returning_the_wrong_number_of_tokens_is_an_error()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            PathGenerationProbe.Run((_, n) => new long[n + 1], Examples(), Star.Graph));
        Assert.Contains("budget", e.Message);
    }
}
