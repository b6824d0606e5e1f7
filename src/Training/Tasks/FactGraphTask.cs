using Trainer.Data.Facts;
using Trainer.Data.Tasks;
using Trainer.Models.Core;
using Trainer.Training.Config;
using Trainer.Training.Loop;

namespace Trainer.Training.Tasks;

/// <summary>
/// The fact-graph task: atomic facts <c>e_h r -&gt; e_t</c> over E entities and R relations, and k-hop queries
/// <c>e_h r1 ... rk -&gt; t_k</c> (or <c>-&gt; t_1 ... t_k</c> with intermediates). The GPT trains on every atomic fact
/// plus, when <c>data.train_compositions</c> is set, the seen compositions; validation is the unseen compositions
/// (val/seq_acc = the share answered exactly, since teacher-forced seq_acc equals greedy accuracy). The edge network
/// cannot read a two-token prompt (its logits at a position depend on that token alone), so with
/// <c>model.kind=edge_network</c> it memorises the relation-free union graph: examples <c>e_h -&gt; e_t</c>.
/// </summary>
public sealed class FactGraphTask : ITaskDefinition
{
    public string Name => "fact-graph";

    public string Description => "atomic facts (head, relation) -> tail and k-hop compositions (GPT; edge network on the union graph)";

    public Type ConfigType => typeof(FactGraphRunConfig);

    public PreparedTask Prepare(object config)
    {
        var c = (FactGraphRunConfig)config;
        FactGraphDataset data = FactGraphGenerator.Generate(c.Data.Facts, (ulong)c.Seed);
        return Prepare(c, data);
    }

    /// <summary>Prepares the run on an already generated data set.</summary>
    public static PreparedTask Prepare(FactGraphRunConfig c, FactGraphDataset data)
    {
        var g = data.Graph;
        var vocab = new FactVocabulary(g.EntityCount, g.RelationCount);
        IBatchSource batches;
        ITrainable model;
        if (c.Model.Kind == "edge_network")
        {
            SequenceArrays edges = SequenceArrays.Encode(UnionEdgeExamples(g), vocab.Pad, 1);
            batches = new SequenceBatches(edges, edges, c.Data.BatchSize, (ulong)c.Seed);
            model = ModelFactory.Create(c.Model, vocab.Size, g.EntityCount, 1, (ulong)c.Seed);
        }
        else
        {
            FactSequences s = FactSequences.Build(data, c.Data.TrainCompositions);
            SequenceArrays validation = s.Unseen.Count > 0 ? s.Unseen : s.Facts;
            batches = new SequenceBatches(s.Train, validation, c.Data.BatchSize, (ulong)c.Seed);
            model = ModelFactory.Create(c.Model, vocab.Size, g.EntityCount, s.Length, (ulong)c.Seed);
        }

        string kind = c.Model.Kind == "edge_network" && c.Model.EdgeNetwork.FrozenEmbeddings ? "edge_network_frozen" : c.Model.Kind;
        return new PreparedTask(model, batches, c.Train, c.Name, new TaskContext(g.UnionGraph(), g.EntityCount, kind));
    }

    /// <summary>The relation-free union graph's arcs as one-token examples <c>e_h -&gt; e_t</c> (parallel facts kept).</summary>
    public static TokenExample[] UnionEdgeExamples(FactGraph g) =>
        Enumerable.Range(0, g.FactCount).Select(i => new TokenExample([g.Heads[i]], [g.Tails[i]])).ToArray();
}

/// <summary>
/// The fact-graph examples encoded to one common length: Train (facts, then seen compositions if asked), Facts
/// alone, and the seen and unseen compositions split by hop count (SeenByHop[k] / UnseenByHop[k], k = 2..l).
/// </summary>
public sealed record FactSequences(
    int Length,
    SequenceArrays Train,
    SequenceArrays Facts,
    SequenceArrays Unseen,
    IReadOnlyDictionary<int, SequenceArrays> SeenByHop,
    IReadOnlyDictionary<int, SequenceArrays> UnseenByHop)
{
    public static FactSequences Build(FactGraphDataset data, bool trainCompositions)
    {
        var g = data.Graph;
        var vocab = new FactVocabulary(g.EntityCount, g.RelationCount);
        bool inter = data.Config.Intermediates;
        TokenExample[] facts = Enumerable.Range(0, g.FactCount).Select(i => FactTextTask.Fact(vocab, g.Heads[i], g.Relations[i], g.Tails[i])).ToArray();
        TokenExample[] seen = data.Seen.Select(q => FactTextTask.Query(vocab, q, inter)).ToArray();
        TokenExample[] unseen = data.Unseen.Select(q => FactTextTask.Query(vocab, q, inter)).ToArray();
        int length = facts.Concat(seen).Concat(unseen).Select(e => e.Prompt.Length + e.Target.Length - 1).DefaultIfEmpty(2).Max();
        SequenceArrays Enc(IReadOnlyList<TokenExample> xs) => SequenceArrays.Encode(xs, vocab.Pad, length);
        Dictionary<int, SequenceArrays> ByHop(IReadOnlyList<MultiHopQuery> qs, TokenExample[] xs) => qs
            .Select((q, i) => (q.Hops, Example: xs[i]))
            .GroupBy(p => p.Hops)
            .OrderBy(grp => grp.Key)
            .ToDictionary(grp => grp.Key, grp => Enc(grp.Select(p => p.Example).ToArray()));
        TokenExample[] train = trainCompositions ? facts.Concat(seen).ToArray() : facts;
        return new FactSequences(length, Enc(train), Enc(facts), Enc(unseen), ByHop(data.Seen, seen), ByHop(data.Unseen, unseen));
    }
}

/// <summary>Config of <see cref="FactGraphTask"/>; the defaults are the GPT run of the fact-graph experiment at small scale (configs/fact-graph.json).</summary>
public sealed record FactGraphRunConfig
{
    [OneOf("fact-graph")]
    public string Task { get; init; } = "fact-graph";

    public string Name { get; init; } = "fact-graph";

    [Range(0, 1e18)]
    public long Seed { get; init; } = 7;

    public FactGraphData Data { get; init; } = new();

    public ModelChoice Model { get; init; } = new()
    {
        Kind = "gpt",
        Gpt = new() { NLayer = 2, NHead = 2, NEmbd = 64, BlockSize = 8 },
    };

    public TrainConfig Train { get; init; } = new()
    {
        Steps = 1500,
        Lr = 3e-3,
        WeightDecay = 0.01,
        WarmupSteps = 50,
        GradClip = 1.0,
        EvalEvery = 75,
        CheckpointEvery = 0,
        LogEvery = 25,
    };
}

/// <summary>The <c>data</c> section of <see cref="FactGraphRunConfig"/>.</summary>
public sealed record FactGraphData
{
    [Description("The fact graph: entities, relations, structure (random, hierarchical, chain), fact_density, max_hops, queries_per_hop, unseen_fraction, intermediates")]
    public FactGraphConfig Facts { get; init; } = new() { Entities = 200, Relations = 3, MaxHops = 2, QueriesPerHop = 300 };

    [Description("Also train on the seen compositions (the recipe of the grokking studies); false = atomic facts only")]
    public bool TrainCompositions { get; init; } = true;

    [Description("Examples per batch (0 = full batch)")]
    [Range(0, 1e9)]
    public int BatchSize { get; init; } = 0;
}
