using Trainer.Data.Facts;
using Trainer.Data.Storage;
using Trainer.Data.Tasks;

namespace Trainer.Data.Catalog;

/// <summary>
/// Catalog entry "fact-graph": atomic facts and multi-hop queries. Arrays: facts (F, 3) head, relation, tail;
/// seen_queries / unseen_queries (Q, 2k+1) for k = max_hops rows padded with -1: head, r1..rk, t1..tk;
/// seen_hops / unseen_hops; train_{inputs, targets, hops} (facts then seen compositions) and
/// test_{inputs, targets, hops} (unseen compositions); texts train, test. See <see cref="FactTextTask"/>.
/// </summary>
public sealed class FactGraphDataGenerator : DataGenerator<FactGraphConfig>
{
    /// <inheritdoc />
    public override string Name => "fact-graph";

    /// <inheritdoc />
    public override string Description => "fact graph: atomic facts 'e12 r3 -> e7' and k-hop queries split into seen and unseen compositions (random, hierarchical or chain)";

    /// <inheritdoc />
    public override Dataset Build(FactGraphConfig config, ulong seed)
    {
        var facts = FactGraphGenerator.Generate(config, seed);
        var g = facts.Graph;
        var vocab = new FactVocabulary(g.EntityCount, g.RelationCount);
        var data = NewDataset(config, seed);
        data.Add(DataArray.Of("facts", g.FactArray(), g.FactCount, 3));
        AddQueries(data, "seen", facts.Seen, config.MaxHops);
        AddQueries(data, "unseen", facts.Unseen, config.MaxHops);
        var train = FactTextTask.TrainExamples(facts, out int[] trainHops);
        var test = FactTextTask.TestExamples(facts, out int[] testHops);
        ExampleArrays.Add(data, "train", train, vocab.Pad);
        data.Add(DataArray.Of("train_hops", trainHops));
        ExampleArrays.Add(data, "test", test, vocab.Pad);
        data.Add(DataArray.Of("test_hops", testHops));
        data.AddText("train", TokenText.RenderAll(vocab, train));
        data.AddText("test", TokenText.RenderAll(vocab, test));
        data.Info["entities"] = g.EntityCount;
        data.Info["relations"] = g.RelationCount;
        data.Info["fact_count"] = g.FactCount;
        data.Info["seen_compositions"] = facts.Seen.Count;
        data.Info["unseen_compositions"] = facts.Unseen.Count;
        data.Info["vocab_size"] = vocab.Size;
        data.Info["pad_token"] = vocab.Pad;
        data.Info["relation_token_offset"] = g.EntityCount;
        return data;
    }

    private static void AddQueries(Dataset data, string name, IReadOnlyList<MultiHopQuery> queries, int maxHops)
    {
        int width = 2 * maxHops + 1;
        var rows = new int[queries.Count * width];
        Array.Fill(rows, -1);
        for (int i = 0; i < queries.Count; i++)
        {
            var q = queries[i];
            rows[i * width] = q.Head;
            q.Relations.CopyTo(rows, i * width + 1);
            q.Entities.CopyTo(rows, i * width + 1 + maxHops);
        }
        data.Add(DataArray.Of(name + "_queries", rows, queries.Count, width));
        data.Add(DataArray.Of(name + "_hops", queries.Select(q => q.Hops).ToArray()));
    }
}
