using System.Text.Json.Nodes;
using Trainer.Data.Facts;
using Trainer.Data.Graphs;
using Trainer.Data.Tasks;
using Trainer.Models.Core;
using Trainer.Models.Node2Vec;
using Trainer.Torch;
using Trainer.Torch.Nn;
using Trainer.Training.Loop;
using Trainer.Training.Probes;
using Trainer.Training.Reports;
using Trainer.Training.Runs;
using Trainer.Training.Tasks;
using static Trainer.Torch.torch;
using FactSet = Trainer.Data.Facts.FactGraph;

namespace Trainer.Training.Experiments.FactGraph;

/// <summary>
/// Per-hop accuracy of the GPT on one split: rows, the share answered exactly (seq_acc), per target token, and the
/// share of the split's queries whose answer is the head itself (e.g. a child's parent in a tree), which copying the
/// head would get right.
/// </summary>
public sealed record HopAccuracy(int Hops, string Split, int Count, double SeqAcc, double TokenAcc, double AnswerIsHead = double.NaN);

/// <summary>
/// The probes of one embedding on one relation graph (<paramref name="Relation"/> = -1: the union graph);
/// <paramref name="Energies"/> = spectral energies smooth to rough (null when skipped).
/// </summary>
public sealed record RelationProbe(string Subject, int Relation, double? TopKRecovery, double EdgeCos, double CosineGap,
    double? Smooth25, double? Rough25, double MapAccuracy, double MapChance, string Verdict, double[]? Energies = null);

/// <summary>How well a model memorised what it was trained on (GPT: atomic facts; edge networks: union-graph arcs, top-5).</summary>
public sealed record Memorisation(string Subject, string Trained, string Measure, double Value);

/// <summary>Everything the fact-graph experiment measured; <paramref name="GptCurves"/> = the GPT run's metrics.json series.</summary>
public sealed record FactGraphResults(FactGraphDataset Data, IReadOnlyList<HopAccuracy> Hops, IReadOnlyList<Memorisation> Memory,
    IReadOnlyList<RelationProbe> Probes, TrainingCurves GptCurves, double Seconds)
{
    /// <summary>Mean of a probe statistic of one subject over the relation graphs (union row, NaN and null skipped).</summary>
    public double Mean(string subject, Func<RelationProbe, double?> stat) =>
        Probes.Where(p => p.Subject == subject && p.Relation >= 0).Select(stat).Where(v => v is { } x && !double.IsNaN(x)).Select(v => v!.Value).DefaultIfEmpty(double.NaN).Average();
}

/// <summary>
/// Trains the fact-graph models (GPT on facts and seen compositions; learned and frozen edge networks and Node2Vec
/// on the relation-free union graph), measures per-hop accuracy and memorisation, and probes every entity embedding
/// (plus an i.i.d. Gaussian control) on each relation graph.
/// </summary>
public static class FactGraphRunner
{
    /// <summary>The subjects in report order.</summary>
    public static readonly string[] Subjects = ["gpt", "edge_network", "edge_network_frozen", "node2vec", "random"];

    private const int EvalChunk = 1024;

    public static FactGraphResults Run(FactGraphExperimentConfig c, string runsRoot, Action<string> log, CancellationToken cancel)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        FactGraphDataset data = FactGraphGenerator.Generate(c.Facts, (ulong)c.Seed);
        FactSet g = data.Graph;
        var embeddings = new Dictionary<string, EmbeddingMatrix>();
        var memory = new List<Memorisation>();

        var (gpt, gptRun) = Train(GptConfig(c), data, runsRoot, cancel);
        var seq = FactSequences.Build(data, c.TrainCompositions);
        var hops = new List<HopAccuracy> { Accuracy(gpt.Model, 1, "facts (trained)", seq.Facts) };
        foreach (var (k, arrays) in seq.SeenByHop)
        {
            hops.Add(Accuracy(gpt.Model, k, c.TrainCompositions ? "seen (trained)" : "seen (not trained)", arrays) with { AnswerIsHead = HeadShare(data.Seen, k) });
        }

        foreach (var (k, arrays) in seq.UnseenByHop)
        {
            hops.Add(Accuracy(gpt.Model, k, "unseen", arrays) with { AnswerIsHead = HeadShare(data.Unseen, k) });
        }

        memory.Add(new Memorisation("gpt", "atomic facts e_h r -> e_t", "top-1 (greedy) accuracy", hops[0].SeqAcc));
        embeddings["gpt"] = Embeddings((INodeEmbeddings)gpt.Model, g.EntityCount);
        TrainingCurves curves = Curves(gptRun);
        log($"gpt: facts {hops[0].SeqAcc:F3}; " + string.Join(", ", hops.Skip(1).Select(h => $"{h.Hops}-hop {h.Split} {h.SeqAcc:F3}")));

        Graph union = g.UnionGraph(directed: true);
        foreach (bool frozen in new[] { false, true })
        {
            string name = frozen ? "edge_network_frozen" : "edge_network";
            var (edge, _) = Train(EdgeConfig(c, frozen), data, runsRoot, cancel);
            double recovery = g.EntityCount <= c.ProbeMaxNodes
                ? new EdgeRecoveryProbe().Run(ModelScores((Module<Tensor, Tensor>)edge.Model.Module, g.EntityCount), union).TopKRecovery
                : double.NaN;
            memory.Add(new Memorisation(name, "union-graph arcs e_h -> e_t", "top-5 recovery", recovery));
            embeddings[name] = Embeddings((INodeEmbeddings)edge.Model, g.EntityCount);
            log($"{name}: union top-5 recovery {recovery:F3}");
        }

        cancel.ThrowIfCancellationRequested();
        embeddings["node2vec"] = Node2Vec(c, g.UnionGraph(directed: false));
        log($"node2vec ({c.Node2Vec.Method}) trained");

        embeddings["random"] = EmbeddingMatrix.Gaussian(g.EntityCount, c.Dim, (ulong)c.Seed + 99);
        var probes = new List<RelationProbe>();
        foreach (string s in Subjects)
        {
            cancel.ThrowIfCancellationRequested();
            probes.AddRange(ProbeRelations(s, embeddings[s], g, c));
            log($"{s}: probed {g.RelationCount} relation graphs");
        }

        return new FactGraphResults(data, hops, memory, probes, curves, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Probes one embedding on each relation graph (undirected) and fits each relation's map; a last row with
    /// relation -1 probes the undirected union graph (what the edge networks and Node2Vec were trained on; no map).
    /// </summary>
    public static IEnumerable<RelationProbe> ProbeRelations(string subject, EmbeddingMatrix e, FactSet g, FactGraphExperimentConfig c)
    {
        RelationMapResult[] maps = RelationMapProbe.Run(e, g, c.MapHeldOut, (ulong)c.Seed, c.MapMaxScored);
        var options = new ProbeOptions { MaxScoredNodes = c.ProbeMaxNodes, Spectral = new SpectralConfig { MaxNodes = c.ProbeMaxNodes } };
        for (int r = 0; r < g.RelationCount; r++)
        {
            ProbeResults p = ProbeSuite.Run(new ProbeSubject { Embedding = e, Graph = g.RelationGraph(r, directed: false) }, options, label: $"{subject}-r{r}", modelKind: subject);
            yield return new RelationProbe(subject, r, p.EdgeRecovery?.TopKRecovery, p.GeometricLevel?.EdgeCos ?? double.NaN,
                p.GeometricLevel?.Excess ?? double.NaN, p.Spectral?.Smooth25, p.Spectral?.Rough25, maps[r].Accuracy, maps[r].Chance, p.Verdict.Label,
                p.Spectral?.Energies);
        }

        ProbeResults u = ProbeSuite.Run(new ProbeSubject { Embedding = e, Graph = g.UnionGraph(directed: false) }, options, label: $"{subject}-union", modelKind: subject);
        yield return new RelationProbe(subject, -1, u.EdgeRecovery?.TopKRecovery, u.GeometricLevel?.EdgeCos ?? double.NaN,
            u.GeometricLevel?.Excess ?? double.NaN, u.Spectral?.Smooth25, u.Spectral?.Rough25, double.NaN, 1.0 / e.Rows, u.Verdict.Label, u.Spectral?.Energies);
    }

    private static (PreparedTask Task, RunFolder Run) Train(FactGraphRunConfig rc, FactGraphDataset data, string runsRoot, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        PreparedTask p = FactGraphTask.Prepare(rc, data);
        RunFolder run = RunFolder.Create(runsRoot, p.RunName);
        new TrainingSession(run, p.Model, p.Data, p.Train, rc).Execute(Progress.NullProgress.Instance, cancel);
        return (p, run);
    }

    /// <summary>The <c>trainer train</c> config of the experiment's GPT run.</summary>
    public static FactGraphRunConfig GptConfig(FactGraphExperimentConfig c) => new()
    {
        Name = "gpt",
        Seed = c.Seed,
        Data = new FactGraphData { Facts = c.Facts, TrainCompositions = c.TrainCompositions, BatchSize = c.BatchSize },
        Model = new ModelChoice { Kind = "gpt", Gpt = new() { NLayer = c.GptLayers, NHead = c.GptHeads, NEmbd = c.Dim, BlockSize = Math.Max(8, 2 * c.Facts.MaxHops) } },
        Train = new TrainConfig
        {
            Steps = c.GptSteps, Lr = c.GptLr, WeightDecay = c.GptWeightDecay, WarmupSteps = Math.Min(50, c.GptSteps / 10), GradClip = 1.0,
            EvalEvery = Math.Max(1, c.GptSteps / 20), CheckpointEvery = 0, LogEvery = 25,
        },
    };

    /// <summary>The <c>trainer train</c> config of an edge-network run on the union graph (learned or frozen embeddings).</summary>
    public static FactGraphRunConfig EdgeConfig(FactGraphExperimentConfig c, bool frozen) => new()
    {
        Name = frozen ? "edge_network_frozen" : "edge_network",
        Seed = c.Seed,
        Data = new FactGraphData { Facts = c.Facts, BatchSize = c.BatchSize },
        Model = new ModelChoice { Kind = "edge_network", EdgeNetwork = new() { NEmbd = c.Dim, FrozenEmbeddings = frozen } },
        Train = new TrainConfig
        {
            Steps = c.EdgeSteps, Lr = frozen ? c.FrozenLr : c.EdgeLr, WeightDecay = 0, GradClip = 0, Schedule = "cosine",
            EvalEvery = c.EdgeSteps, CheckpointEvery = 0, LogEvery = 25,
        },
    };

    private static EmbeddingMatrix Node2Vec(FactGraphExperimentConfig c, Graph undirected)
    {
        FactGraphNode2VecConfig n = c.Node2Vec;
        manual_seed((ulong)c.Seed);
        if (n.Method == "skip_gram")
        {
            var walks = new WalkOptions { WalksPerNode = n.WalksPerNode, WalkLength = n.WalkLength, Window = n.Window };
            SkipGramCorpus corpus = SkipGramCorpus.FromGraph(undirected, walks, (ulong)c.Seed);
            using var sg = new SkipGramModel(new SkipGramConfig { NodeCount = undirected.NodeCount, Dim = c.Dim, Negatives = n.Negatives });
            SkipGramSgd.Train(sg, corpus, new SkipGramSgdOptions { Epochs = n.Epochs, Seed = (ulong)c.Seed });
            return Embeddings(sg, undirected.NodeCount);
        }

        using var full = new FullSoftmaxNode2Vec(undirected, c.Dim);
        full.Train(n.Steps, n.Lr, snapshotEvery: 0);
        return Embeddings(full, undirected.NodeCount);
    }

    // Rows in chunks of EvalChunk, so a 10^5-entity vocabulary never needs all logits at once; seq_acc and acc are
    // weighted by rows (every row of one hop group has the same number of target tokens).
    private static HopAccuracy Accuracy(ITrainable model, int hops, string split, SequenceArrays arrays)
    {
        double seq = 0;
        double acc = 0;
        for (int start = 0; start < arrays.Count; start += EvalChunk)
        {
            int count = Math.Min(EvalChunk, arrays.Count - start);
            using Batch b = SequenceBatches.Slice(arrays, Enumerable.Range(start, count).ToArray());
            var m = model.Evaluate(b);
            seq += m["seq_acc"] * count;
            acc += m["acc"] * count;
        }

        int n = Math.Max(1, arrays.Count);
        return new HopAccuracy(hops, split, arrays.Count, seq / n, acc / n);
    }

    private static double HeadShare(IReadOnlyList<MultiHopQuery> queries, int hops) =>
        queries.Where(q => q.Hops == hops).Select(q => q.Answer == q.Head ? 1.0 : 0.0).DefaultIfEmpty(double.NaN).Average();

    private static EmbeddingMatrix Embeddings(INodeEmbeddings model, int entities)
    {
        using Tensor t = model.NodeEmbeddings();
        return EmbeddingMatrix.FromTensor(t).TakeRows(entities);
    }

    private static TrainingCurves Curves(RunFolder run)
    {
        string path = Path.Combine(run.Path, "metrics.json");
        return File.Exists(path) && JsonNode.Parse(File.ReadAllText(path)) is JsonObject o ? TrainingCurves.From(o) : TrainingCurves.Empty;
    }

    // S[u, w] = logit of entity w after the one-token prompt e_u, (E, E)
    private static ScoreMatrix ModelScores(Module<Tensor, Tensor> module, int entities)
    {
        using DisposeScope scope = NewDisposeScope();
        using var noGrad = no_grad();
        var ids = new long[entities];
        for (int u = 0; u < entities; u++)
        {
            ids[u] = u;
        }

        Tensor logits = module.call(tensor(ids, new long[] { entities })); // (E, V)
        float[] all = logits.narrow(1, 0, entities).contiguous().to(ScalarType.Float32).data<float>();
        return new ScoreMatrix(all, entities, excludesSelf: false);
    }
}
