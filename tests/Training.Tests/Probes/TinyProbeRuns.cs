using Trainer.Training.Config;
using Trainer.Training.Loop;
using Trainer.Training.Progress;
using Trainer.Training.Runs;
using Trainer.Training.Tasks;

namespace Trainer.Training.Tests.Probes;

/// <summary>
/// Five tiny graph-memory runs on a 3-arm path-star (n = 10), trained once for the probe and report tests: the
/// edge network with learned embeddings, the same trained with self-edges too, the edge network with frozen random
/// embeddings (the associative control), a one-layer GPT and the full-softmax Node2Vec. Training seeds libtorch's global generator, so these tests run in a non-parallel collection.
/// </summary>
public sealed class TinyProbeRuns : IDisposable
{
    private static readonly string[] Common =
    [
        "data.graph.degree=3", "data.graph.path_length=4", "train.eval_every=50", "train.checkpoint_every=100",
        "train.log_every=10", "train.optimizer=adamw",
    ];

    public TinyProbeRuns()
    {
        Root = Path.Combine(Path.GetTempPath(), "trainer-probe-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Learned = Train("edge-learned", "model.edge_network.n_embd=8", "train.steps=300", "train.lr=0.05");
        SelfEdges = Train("edge-self-edges", "model.edge_network.n_embd=8", "data.self_edges=true", "train.steps=300", "train.lr=0.05");
        Frozen = Train("edge-frozen", "model.edge_network.n_embd=32", "model.edge_network.frozen_embeddings=true", "train.steps=300", "train.lr=0.2");
        Gpt = Train("gpt", "model.kind=gpt", "model.gpt.n_embd=16", "train.steps=200", "train.lr=0.01");
        Node2Vec = Train("node2vec", "model.kind=node2vec", "model.node2_vec.dim=16", "train.optimizer=sgd", "train.schedule=constant", "train.steps=1000", "train.lr=0.1", "train.eval_every=500");
    }

    public string Root { get; }

    public RunFolder Learned { get; }

    public RunFolder SelfEdges { get; }

    public RunFolder Frozen { get; }

    public RunFolder Gpt { get; }

    public RunFolder Node2Vec { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private RunFolder Train(string name, params string[] extra)
    {
        var config = ConfigLoader.Defaults<GraphMemoryConfig>(Common.Concat(extra).Append("name=" + name));
        PreparedTask p = new GraphMemoryTask().Prepare(config);
        RunFolder run = RunFolder.Create(Root, config.Name);
        var session = new TrainingSession(run, p.Model, p.Data, p.Train, config);
        session.Execute(NullProgress.Instance);
        p.Model.Module.Dispose();
        return run;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TinyProbeRunsCollection : ICollectionFixture<TinyProbeRuns>
{
    public const string Name = "tiny probe runs (trains with the global generator)";
}
