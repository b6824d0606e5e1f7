using Trainer.Data.Tasks;

namespace Trainer.Data.Facts;

/// <summary>
/// Token examples of the fact-graph task: atomic facts <c>head relation -&gt; tail</c>, k-hop queries
/// <c>head r1 ... rk -&gt; tk</c>, or with intermediates <c>head r1 ... rk -&gt; t1 ... tk</c>.
/// Training = every atomic fact, then the seen compositions; test = the unseen compositions.
/// </summary>
/// <remarks>
/// Example (E = 100, R = 4): the fact (12, r3) -&gt; 7 is <c>e12 r3 -&gt; e7</c>, inputs [12, 103], targets [-1, 7].
/// The 2-hop query (12; r3, r0) through e7 to e40 is <c>e12 r3 r0 -&gt; e40</c>, or with intermediates
/// <c>e12 r3 r0 -&gt; e7 e40</c>: inputs [12, 103, 100, 7], targets [-1, -1, 7, 40].
/// </remarks>
public static class FactTextTask
{
    /// <summary>The example of an atomic fact.</summary>
    public static TokenExample Fact(FactVocabulary vocab, int head, int relation, int tail) =>
        new([head, vocab.RelationToken(relation)], [tail]);

    /// <summary>The example of a k-hop query.</summary>
    public static TokenExample Query(FactVocabulary vocab, MultiHopQuery query, bool intermediates)
    {
        var prompt = new int[1 + query.Hops];
        prompt[0] = query.Head;
        for (int j = 0; j < query.Hops; j++)
        {
            prompt[1 + j] = vocab.RelationToken(query.Relations[j]);
        }
        int[] target = intermediates ? (int[])query.Entities.Clone() : [query.Answer];
        return new TokenExample(prompt, target);
    }

    /// <summary>Atomic facts in stored order, then the seen compositions; <paramref name="hops"/> gets each row's hop count.</summary>
    public static TokenExample[] TrainExamples(FactGraphDataset data, out int[] hops)
    {
        var vocab = new FactVocabulary(data.Graph.EntityCount, data.Graph.RelationCount);
        var g = data.Graph;
        var examples = new List<TokenExample>(g.FactCount + data.Seen.Count);
        var h = new List<int>(examples.Capacity);
        for (int i = 0; i < g.FactCount; i++)
        {
            examples.Add(Fact(vocab, g.Heads[i], g.Relations[i], g.Tails[i]));
            h.Add(1);
        }
        foreach (var q in data.Seen)
        {
            examples.Add(Query(vocab, q, data.Config.Intermediates));
            h.Add(q.Hops);
        }
        hops = h.ToArray();
        return examples.ToArray();
    }

    /// <summary>The unseen compositions; <paramref name="hops"/> gets each row's hop count.</summary>
    public static TokenExample[] TestExamples(FactGraphDataset data, out int[] hops)
    {
        var vocab = new FactVocabulary(data.Graph.EntityCount, data.Graph.RelationCount);
        hops = data.Unseen.Select(q => q.Hops).ToArray();
        return data.Unseen.Select(q => Query(vocab, q, data.Config.Intermediates)).ToArray();
    }
}
