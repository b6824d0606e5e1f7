using Trainer.Data.Facts;
using Trainer.Training.Experiments;
using Trainer.Training.Experiments.FactGraph;
using Trainer.Training.Probes;
using Trainer.Training.Progress;
using Trainer.Training.Runs;
using Trainer.Training.Tasks;

namespace Trainer.Training.Tests.Experiments.FactGraph;

public sealed class FactGraphExperimentTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"fact-graph-{Environment.ProcessId}-{Guid.NewGuid():N}");

    /// <summary>40 entities, 2 relations, tiny models, few steps: seconds.</summary>
    private static FactGraphExperimentConfig Tiny() => new()
    {
        Facts = new FactGraphConfig { Entities = 40, Relations = 2, MaxHops = 2, QueriesPerHop = 40, UnseenFraction = 0.5 },
        Dim = 32,
        GptLayers = 1,
        GptHeads = 1,
        GptSteps = 300,
        GptLr = 1e-2,
        EdgeSteps = 200,
        Node2VecSteps = 400,
    };

    [Fact]
    public void Experiment_runs_at_tiny_size_memorises_the_facts_and_ranks_node2vec_above_the_controls()
    {
        RunFolder run = RunFolder.Create(_root, "fact-graph");
        var e = new FactGraphExperiment();
        ExperimentReport report = e.Execute(Tiny(), new ExperimentContext(run, NullProgress.Instance, CancellationToken.None, "small"));
        report.Write(run.Path);
        Assert.True(File.Exists(Path.Combine(run.Path, "report.md")));
        string md = File.ReadAllText(Path.Combine(run.Path, "report.md"));
        Assert.Contains("Per-hop accuracy", md, StringComparison.Ordinal);
        Assert.Contains("node2vec", md, StringComparison.Ordinal);

        var r = FactGraphRunner.Run(Tiny(), Path.Combine(_root, "direct"), _ => { }, CancellationToken.None);
        Assert.True(r.Hops[0].SeqAcc > 0.95, $"atomic fact accuracy {r.Hops[0].SeqAcc}");
        Assert.Contains(r.Hops, h => h.Hops == 2 && h.Split == "unseen" && h.Count > 0);
        double n2v = r.Mean("node2vec", p => p.Smooth25);
        Assert.True(n2v > r.Mean("edge_network_frozen", p => p.Smooth25) + 0.1, $"node2vec smooth25 {n2v} vs frozen");
        Assert.True(n2v > r.Mean("random", p => p.Smooth25) + 0.1, $"node2vec smooth25 {n2v} vs random");
        Assert.True(r.Mean("node2vec", p => p.CosineGap) > r.Mean("random", p => p.CosineGap) + 0.1);
    }

    [Fact]
    public void A_linear_relation_is_recovered_by_the_map_probe_and_random_tails_are_not()
    {
        // Heads u < 30 have i.i.d. Gaussian embeddings x_u; entity u + 30 has embedding x_u A for a fixed random A.
        // Relation 0 maps u to u + 30, so the map A explains it exactly; relation 1 has uniformly random tails.
        int n = 60;
        int d = 8;
        var rng = new Random(5);
        double[] a = Enumerable.Range(0, d * d).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var x = new double[n, d];
        for (int u = 0; u < n / 2; u++)
        {
            for (int j = 0; j < d; j++)
            {
                x[u, j] = rng.NextDouble() * 2 - 1;
            }
        }

        for (int u = 0; u < n / 2; u++)
        {
            for (int j = 0; j < d; j++)
            {
                for (int i = 0; i < d; i++)
                {
                    x[u + n / 2, j] += x[u, i] * a[i * d + j];
                }
            }
        }

        EmbeddingMatrix e = EmbeddingMatrix.FromArray(x);
        var heads = new List<int>();
        var rels = new List<int>();
        var tails = new List<int>();
        for (int u = 0; u < n / 2; u++)
        {
            heads.Add(u); rels.Add(0); tails.Add(u + n / 2);
            heads.Add(u); rels.Add(1); tails.Add(rng.Next(n));
        }

        var g = new global::Trainer.Data.Facts.FactGraph(n, 2, heads.ToArray(), rels.ToArray(), tails.ToArray());
        RelationMapResult[] maps = RelationMapProbe.Run(e, g, 0.25, 1);
        Assert.Equal(8, maps[0].HeldOutFacts);
        Assert.True(maps[0].Accuracy > 0.9, $"linear relation accuracy {maps[0].Accuracy}");
        Assert.True(maps[1].Accuracy < 0.3, $"random relation accuracy {maps[1].Accuracy}");
    }

    [Fact]
    public void The_task_is_registered_and_splits_queries_by_hop()
    {
        Assert.IsType<FactGraphTask>(TaskRegistry.Find("fact-graph"));
        var data = FactGraphGenerator.Generate(new FactGraphConfig { Entities = 30, Relations = 2, MaxHops = 3, QueriesPerHop = 20, Intermediates = true }, 1);
        FactSequences s = FactSequences.Build(data, trainCompositions: false);
        Assert.Equal(data.Graph.FactCount, s.Train.Count);
        Assert.Equal(data.Unseen.Count, s.UnseenByHop.Values.Sum(x => x.Count));
        Assert.Equal(new[] { 2, 3 }, s.UnseenByHop.Keys.OrderBy(k => k));
        Assert.Equal(6, s.Length); // e r r r -> t1 t2 t3 is 7 tokens: 6 next-token positions
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
