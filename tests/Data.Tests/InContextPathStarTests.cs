using Trainer.Data.Tasks;

namespace Trainer.Data.Tests;

public class InContextPathStarTests
{
    private static readonly InContextPathStarConfig Config = new() { Degree = 3, PathLength = 5, NodeCount = 50, Count = 300 };

    [Fact]
    public void Each_example_lists_a_path_star_and_its_target_path_follows_listed_edges()
    {
        var vocab = new PathStarVocabulary(50);
        foreach (var e in InContextPathStar.Generate(Config, 1))
        {
            int[] p = e.Prompt;
            Assert.Equal(vocab.PauseToken, p[^1]);
            Assert.Equal(vocab.Slash, p[^4]);
            int source = p[^3];
            int goal = p[^2];
            var edges = new HashSet<(int, int)>();
            for (int i = 0; i < p.Length - 4; i += 3)
            {
                edges.Add((p[i], p[i + 1]));
                Assert.True(i + 2 == p.Length - 4 || p[i + 2] == vocab.Pipe);
            }
            Assert.Equal(3 * 4, edges.Count);
            Assert.Equal(3, edges.Count(x => x.Item1 == source));
            Assert.Equal(3 * 4 + 1, edges.SelectMany(x => new[] { x.Item1, x.Item2 }).Distinct().Count());
            Assert.Equal(source, e.Target[0]);
            Assert.Equal(goal, e.Target[^1]);
            Assert.Equal(5, e.Target.Length);
            for (int k = 1; k < e.Target.Length; k++)
            {
                Assert.Contains((e.Target[k - 1], e.Target[k]), edges);
            }
        }
    }

    [Fact]
    public void Goal_arms_are_not_always_the_first_listed_and_edges_are_shuffled()
    {
        var examples = InContextPathStar.Generate(Config, 2);
        int firstEdgeFromSource = examples.Count(e => e.Prompt[0] == e.Prompt[^3]);
        Assert.InRange(firstEdgeFromSource, 30, 120); // 3 of 12 edges leave the source: about 1/4 of 300
    }

    [Fact]
    public void Loss_is_on_the_path_only_and_reverse_and_teacherless_variants_change_only_targets_and_inputs()
    {
        var plain = InContextPathStar.Generate(Config with { Count = 20 }, 3);
        var reversed = InContextPathStar.Generate(Config with { Count = 20, Reverse = true }, 3);
        var encoded = InContextPathStar.Encode(Config, plain);
        var teacherless = InContextPathStar.Encode(Config with { Teacherless = true }, plain);
        int prompt = plain[0].Prompt.Length;
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(plain[i].Prompt, reversed[i].Prompt);
            Assert.Equal(plain[i].Target.Reverse(), reversed[i].Target);
            var targets = encoded.Targets.AsSpan(i * encoded.Length, encoded.Length);
            Assert.All(targets[..(prompt - 1)].ToArray(), t => Assert.Equal(-1, t));
            Assert.Equal(plain[i].Target, targets[(prompt - 1)..].ToArray());
            var inputs = teacherless.Inputs.AsSpan(i * encoded.Length, encoded.Length);
            Assert.All(inputs[prompt..].ToArray(), t => Assert.Equal(53, t));
            Assert.Equal(plain[i].Prompt, inputs[..prompt].ToArray());
        }
    }
}
