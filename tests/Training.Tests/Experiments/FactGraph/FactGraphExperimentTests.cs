using Trainer.Data.Facts;
using Trainer.Training.Config;
using Trainer.Training.Experiments;
using Trainer.Training.Experiments.FactGraph;
using Trainer.Training.Loop;
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
        Node2Vec = new FactGraphNode2VecConfig { Steps = 400 },
    };

    [Fact]
    public void Experiment_runs_at_tiny_size_memorises_the_facts_and_ranks_node2vec_above_the_controls()
    {
        RunFolder run = RunFolder.Create(_root, "fact-graph");
        FactGraphResults r = FactGraphRunner.Run(Tiny(), Path.Combine(run.Path, "runs"), _ => { }, CancellationToken.None);
        FactGraphExperiment.Report(Tiny(), r).Write(run.Path);

        string md = File.ReadAllText(Path.Combine(run.Path, "report.md"));
        Assert.Contains("Per-hop accuracy", md, StringComparison.Ordinal);
        Assert.Contains("node2vec", md, StringComparison.Ordinal);
        string html = File.ReadAllText(Path.Combine(run.Path, "report.html"));
        Assert.Contains("data-plot=\"fact-graph-hops\"", html, StringComparison.Ordinal);
        Assert.Contains("data-plot=\"fact-graph-spectrum-r0\"", html, StringComparison.Ordinal);
        Assert.Contains("data-plot=\"fact-graph-unseen-training\"", html, StringComparison.Ordinal);

        Assert.True(r.Hops[0].SeqAcc > 0.95, $"atomic fact accuracy {r.Hops[0].SeqAcc}");
        Assert.Contains(r.Hops, h => h.Hops == 2 && h.Split == "unseen" && h.Count > 0);
        Assert.All(r.Hops.Skip(1), h => Assert.InRange(h.AnswerIsHead, 0.0, 0.2)); // random tails rarely lead back to the head
        Assert.True(r.Memory.Single(m => m.Subject == "edge_network").Value > 0.95, "the edge network memorises the union graph");
        double n2v = r.Mean("node2vec", p => p.Smooth25);
        Assert.True(n2v > r.Mean("edge_network_frozen", p => p.Smooth25) + 0.1, $"node2vec smooth25 {n2v} vs frozen");
        Assert.True(n2v > r.Mean("random", p => p.Smooth25) + 0.1, $"node2vec smooth25 {n2v} vs random");
        Assert.True(r.Mean("node2vec", p => p.CosineGap) > r.Mean("edge_network_frozen", p => p.CosineGap) + 0.1);
        Assert.All(r.Probes.Where(p => p.Subject == "node2vec"), p => Assert.Equal(39, p.Energies!.Length));
        RelationProbe union = r.Probes.Single(p => p.Subject == "node2vec" && p.Relation == -1);
        Assert.True(union.Smooth25 > r.Probes.Single(p => p.Subject == "random" && p.Relation == -1).Smooth25 + 0.2, "node2vec is smooth on the graph it was trained on");
    }

    [Fact]
    public void The_large_scale_path_runs_at_tiny_size_on_a_chain_with_mini_batches_skip_gram_and_dense_probes_skipped()
    {
        FactGraphExperimentConfig c = Tiny() with
        {
            Facts = new FactGraphConfig { Entities = 40, Relations = 3, Structure = FactStructure.Chain, MaxHops = 3, QueriesPerHop = 20 },
            BatchSize = 16,
            GptSteps = 40,
            EdgeSteps = 40,
            Node2Vec = new FactGraphNode2VecConfig { Method = "skip_gram", WalksPerNode = 20, WalkLength = 20, Epochs = 2 },
            ProbeMaxNodes = 10,
        };
        RunFolder run = RunFolder.Create(_root, "fact-graph-large-path");
        FactGraphResults r = FactGraphRunner.Run(c, Path.Combine(run.Path, "runs"), _ => { }, CancellationToken.None);
        FactGraphExperiment.Report(c, r).Write(run.Path);

        Assert.Equal(new[] { 1, 2, 2, 3, 3 }, r.Hops.Select(h => h.Hops).OrderBy(k => k));
        Assert.All(r.Probes, p => Assert.Null(p.Smooth25));
        Assert.All(r.Probes, p => Assert.Null(p.TopKRecovery));
        Assert.True(double.IsNaN(r.Memory.Single(m => m.Subject == "edge_network").Value));
        Assert.All(r.Probes.Where(p => p.Relation >= 0), p => Assert.InRange(p.MapAccuracy, 0.0, 1.0));
        Assert.True(r.Mean("node2vec", p => p.CosineGap) > r.Mean("random", p => p.CosineGap) + 0.1, "skip-gram Node2Vec puts neighbours closer than random pairs");
        Assert.Contains("probe_max_nodes", File.ReadAllText(Path.Combine(run.Path, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_linear_relation_is_recovered_by_the_map_probe_and_random_tails_are_not()
    {
        // Heads u < 30 have i.i.d. uniform embeddings x_u; entity u + 30 has embedding x_u A for a fixed random A.
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
        Assert.Equal(3, RelationMapProbe.Run(e, g, 0.25, 1, maxScored: 3)[0].HeldOutFacts);
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

    [Fact]
    public void Structure_and_intermediates_bind_from_snake_case_keys_and_bad_values_are_named()
    {
        var e = new FactGraphExperiment();
        var c = (FactGraphExperimentConfig)ExperimentRegistry.LoadConfig(e, "small", null,
            ["facts.structure=hierarchical", "facts.intermediates=true", "node2vec.method=skip_gram", "batch_size=256"]);
        Assert.Equal(FactStructure.Hierarchical, c.Facts.Structure);
        Assert.True(c.Facts.Intermediates);
        Assert.Equal("skip_gram", c.Node2Vec.Method);
        Assert.Equal(256, FactGraphRunner.GptConfig(c).Data.BatchSize);
        Assert.True(FactGraphRunner.GptConfig(c).Data.Facts.Intermediates);
        Assert.Equal(FactStructure.Chain, ((FactGraphExperimentConfig)ExperimentRegistry.LoadConfig(e, "small", null, ["facts.structure=chain"])).Facts.Structure);
        var bad = Assert.Throws<ConfigException>(() => ExperimentRegistry.LoadConfig(e, "small", null, ["facts.structure=tree"]));
        Assert.Contains("hierarchical", bad.Message, StringComparison.Ordinal);
        Assert.Throws<ConfigException>(() => ExperimentRegistry.LoadConfig(e, "small", null, ["node2vec.method=deepwalk"]));
    }

    [Fact]
    public void The_large_scale_reaches_ten_to_the_five_entities_by_config()
    {
        var e = new FactGraphExperiment();
        var large = (FactGraphExperimentConfig)ExperimentRegistry.LoadConfig(e, "large", null, ["facts.entities=100000"]);
        Assert.Equal(100000, large.Facts.Entities);
        Assert.True(large.BatchSize > 0, "a 10^5-entity vocabulary needs mini-batches");
        Assert.Equal("skip_gram", large.Node2Vec.Method);
        var data = FactGraphGenerator.Generate(large.Facts with { QueriesPerHop = 100 }, 1);
        Assert.Equal(100000 * large.Facts.Relations, data.Graph.FactCount);
        Assert.Equal(50 * (large.Facts.MaxHops - 1), data.Unseen.Count); // half of 100 per hop count k = 2..max_hops
    }

    [Fact]
    public void The_train_config_is_the_experiments_gpt_run_and_trains()
    {
        string path = Path.Combine(RepoRoot(), "configs", "fact-graph.json");
        var (task, config) = TaskRegistry.Load(path, []);
        Assert.IsType<FactGraphTask>(task);
        var expected = FactGraphRunner.GptConfig((FactGraphExperimentConfig)new FactGraphExperiment().DefaultConfig("small")) with { Name = "fact-graph" };
        Assert.Equal(ConfigJson.Serialize(expected), ConfigJson.Serialize(config));

        var (_, shortRun) = TaskRegistry.Load(path, ["train.steps=3", "train.warmup_steps=1", "train.eval_every=3", "data.facts.entities=30", "data.facts.queries_per_hop=20"]);
        PreparedTask p = task.Prepare(shortRun);
        RunFolder run = RunFolder.Create(_root, p.RunName);
        new TrainingSession(run, p.Model, p.Data, p.Train, shortRun).Execute(NullProgress.Instance, CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(run.Path, "metrics.json")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static string RepoRoot() => RepoFiles.Root();
}
