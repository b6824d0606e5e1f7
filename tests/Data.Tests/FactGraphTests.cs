using Trainer.Data.Facts;
using Trainer.Data.Tasks;

namespace Trainer.Data.Tests;

public class FactGraphTests
{
    [Theory]
    [InlineData(FactStructure.Random)]
    [InlineData(FactStructure.Hierarchical)]
    [InlineData(FactStructure.Chain)]
    public void Queries_follow_atomic_facts_and_unseen_compositions_use_only_seen_facts(FactStructure structure)
    {
        var config = new FactGraphConfig { Entities = 300, Relations = 3, Structure = structure, MaxHops = 3, QueriesPerHop = 200, FactDensity = 0.8 };
        var data = FactGraphGenerator.Generate(config, 1);
        var g = data.Graph;
        var facts = Enumerable.Range(0, g.FactCount).Select(i => (g.Heads[i], g.Relations[i], g.Tails[i])).ToHashSet();
        Assert.Equal(g.FactCount, facts.Count);
        var seenKeys = data.Seen.Select(Key).ToHashSet();
        foreach (var q in data.Seen.Concat(data.Unseen))
        {
            int current = q.Head;
            for (int j = 0; j < q.Hops; j++)
            {
                Assert.Contains((current, q.Relations[j], q.Entities[j]), facts);
                current = q.Entities[j];
            }
            Assert.InRange(q.Hops, 2, 3);
        }
        Assert.All(data.Unseen, q => Assert.DoesNotContain(Key(q), seenKeys));
        Assert.True(data.Unseen.Count > 0 && data.Seen.Count > 0);
        foreach (int hops in new[] { 2, 3 })
        {
            int total = data.Seen.Count(q => q.Hops == hops) + data.Unseen.Count(q => q.Hops == hops);
            Assert.Equal(total / 2, data.Unseen.Count(q => q.Hops == hops));
        }
    }

    private static string Key(MultiHopQuery q) => $"{q.Head}:{string.Join(',', q.Relations)}";

    [Fact]
    public void Hierarchical_facts_form_a_tree_with_parent_and_child_relations()
    {
        var config = new FactGraphConfig { Entities = 40, Relations = 3, Structure = FactStructure.Hierarchical, RandomizeEntityIds = false };
        var g = FactGraphGenerator.BuildGraph(config, 2);
        Assert.Equal(39, g.RelationGraph(0).EdgeCount);
        Assert.Equal(39, g.RelationGraph(1).EdgeCount + g.RelationGraph(2).EdgeCount);
        for (int e = 1; e < 40; e++)
        {
            int parent = g.Tail(e, 0);
            Assert.Equal((e - 1) / 2, parent);
            Assert.Contains(e, new[] { g.Tail(parent, 1), g.Tail(parent, 2) });
        }
        Assert.Equal(1, Trainer.Data.Graphs.GraphAlgorithms.ConnectedComponents(g.UnionGraph()).Count);
    }

    [Fact]
    public void Chain_relations_map_each_layer_to_the_next()
    {
        var config = new FactGraphConfig { Entities = 40, Relations = 3, Structure = FactStructure.Chain, RandomizeEntityIds = false };
        var g = FactGraphGenerator.BuildGraph(config, 3);
        for (int i = 0; i < g.FactCount; i++)
        {
            Assert.Equal(g.Relations[i], g.Heads[i] / 10);
            Assert.Equal(g.Relations[i] + 1, g.Tails[i] / 10);
        }
        Assert.Equal(30, g.FactCount);
    }

    [Fact]
    public void Fact_text_uses_entity_and_relation_words_and_parses_back()
    {
        var data = FactGraphGenerator.Generate(new FactGraphConfig { Entities = 100, Relations = 4, QueriesPerHop = 50, Intermediates = true }, 4);
        var vocab = new FactVocabulary(100, 4);
        var train = FactTextTask.TrainExamples(data, out int[] hops);
        Assert.Equal(data.Graph.FactCount + data.Seen.Count, train.Length);
        Assert.Equal(data.Graph.FactCount, hops.Count(h => h == 1));
        string first = TokenText.Render(vocab, train[0]);
        Assert.Matches(@"^e\d+ r0 -> e\d+$", first);
        var q = data.Unseen[0];
        var example = FactTextTask.Query(vocab, q, intermediates: true);
        Assert.Equal(q.Entities, example.Target);
        var back = TokenText.Parse(vocab, TokenText.Render(vocab, example));
        Assert.Equal(example.Prompt, back.Prompt);
        Assert.Equal(example.Target, back.Target);
        Assert.Equal("e12 r3 -> e7", TokenText.Render(vocab, FactTextTask.Fact(vocab, 12, 3, 7)));
    }
}
