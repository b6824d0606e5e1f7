using Trainer.Data.Graphs;
using Trainer.Data.Tasks;
using Trainer.Models.Core;
using Trainer.Models.EdgeNetwork;
using Trainer.Models.Gpt;
using Trainer.Models.Node2Vec;
using Trainer.Training.Config;
using Trainer.Training.Loop;

namespace Trainer.Training.Tasks;

/// <summary>
/// Edge memorisation on one fixed graph (geometric-memory paper, tiny graphs): every example is
/// <c>[EDGE] u -&gt; v</c> for an edge of the graph (both directions, optionally self-edges), trained full batch.
/// Models: the edge network E(W e_u + b) with learned or frozen embeddings, or a GPT.
/// </summary>
public sealed class GraphMemoryTask : ITaskDefinition
{
    public string Name => "graph-memory";

    public string Description => "memorise the edges of one graph ([EDGE] u -> v) with an edge network, a frozen-embedding control or a GPT";

    public Type ConfigType => typeof(GraphMemoryConfig);

    public PreparedTask Prepare(object config)
    {
        var c = (GraphMemoryConfig)config;
        Graph graph = c.Data.Graph.Build((ulong)c.Seed);
        var vocab = new PathStarVocabulary(graph.NodeCount);
        TokenExample[] examples = EdgeTask.Build(graph, c.Data.SelfEdges);
        SequenceArrays arrays = SequenceArrays.Encode(examples, vocab.Pad);
        IBatchSource batches;
        ITrainable model;
        if (c.Model.Kind == "node2vec")
        {
            Trainer.Torch.torch.manual_seed((ulong)c.Seed);
            model = new FullSoftmaxNode2Vec(graph, c.Model.Node2Vec.Dim, c.Data.SelfEdges);
            batches = new AllNodesBatches(graph.NodeCount);
        }
        else
        {
            batches = new SequenceBatches(arrays, arrays, c.Data.BatchSize, (ulong)c.Seed);
            model = ModelFactory.Create(c.Model, vocab.Size, graph.NodeCount, arrays.Length, (ulong)c.Seed);
        }

        string kind = c.Model.Kind == "edge_network" && c.Model.EdgeNetwork.FrozenEmbeddings ? "edge_network_frozen" : c.Model.Kind;
        return new PreparedTask(model, batches, c.Train, c.Name, new TaskContext(graph, graph.NodeCount, kind));
    }
}

/// <summary>Config of <see cref="GraphMemoryTask"/>.</summary>
public sealed record GraphMemoryConfig
{
    [Description("Task kind (fixed)")]
    [OneOf("graph-memory")]
    public string Task { get; init; } = "graph-memory";

    [Description("Run name (the run folder is runs/<stamp>-<name>)")]
    public string Name { get; init; } = "graph-memory";

    [Description("Seed for the graph, the initialisation and the batch order")]
    [Range(0, 1e18)]
    public long Seed { get; init; } = 7;

    public GraphMemoryData Data { get; init; } = new();

    public ModelChoice Model { get; init; } = new();

    public TrainConfig Train { get; init; } = new()
    {
        Steps = 500,
        Lr = 0.01,
        WeightDecay = 0,
        Schedule = "cosine",
        MinLrRatio = 0.1,
        GradClip = 0,
        EvalEvery = 100,
        CheckpointEvery = 250,
        LogEvery = 10,
    };
}

/// <summary>The <c>data</c> section of <see cref="GraphMemoryConfig"/>.</summary>
public sealed record GraphMemoryData
{
    [Description("The graph: family (path_star, star_tree, grid, cycle, irregular, erdos_renyi, sbm) and its sizes")]
    public GraphSpec Graph { get; init; } = new();

    [Description("Also train the self-edges [EDGE] u -> u")]
    public bool SelfEdges { get; init; }

    [Description("Examples per batch (0 = full batch, the paper's recipe)")]
    [Range(0, 1e9)]
    public int BatchSize { get; init; }
}

/// <summary>Every node id as one full batch (for full-batch objectives such as the full-softmax Node2Vec).</summary>
public sealed class AllNodesBatches(int nodeCount) : IBatchSource
{
    public long StepsPerEpoch => 1;

    public Batch Train(long step) => Make();

    public IEnumerable<Batch> Validation()
    {
        yield return Make();
    }

    private Batch Make() => new(Trainer.Torch.torch.arange(nodeCount), tokens: nodeCount);
}
