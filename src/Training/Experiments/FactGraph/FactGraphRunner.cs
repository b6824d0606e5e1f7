using Trainer.Data.Facts;
using Trainer.Data.Graphs;
using Trainer.Data.Tasks;
using Trainer.Models.Core;
using Trainer.Models.Gpt;
using Trainer.Models.Node2Vec;
using Trainer.Torch;
using Trainer.Torch.Nn;
using Trainer.Training.Loop;
using Trainer.Training.Probes;
using Trainer.Training.Runs;
using Trainer.Training.Tasks;
using static Trainer.Torch.torch;
using FactSet = Trainer.Data.Facts.FactGraph;

namespace Trainer.Training.Experiments.FactGraph;

/// <summary>Per-hop accuracy of the GPT on one split: rows and the share answered exactly (seq_acc).</summary>
public sealed record HopAccuracy(int Hops, string Split, int Count, double SeqAcc, double TokenAcc);

/// <summary>The probes of one embedding on one relation graph.</summary>
public sealed record RelationProbe(string Subject, int Relation, double? TopKRecovery, double EdgeCos, double CosineGap,
    double? Smooth25, double? Rough25, double MapAccuracy, double MapChance, string Verdict);

/// <summary>How well a model memorised what it was trained on (GPT: atomic facts; edge networks: union-graph arcs, top-5).</summary>
public sealed record Memorisation(string Subject, string Trained, string Measure, double Value);

/// <summary>Everything the fact-graph experiment measured.</summary>
public sealed record FactGraphResults(FactGraphDataset Data, IReadOnlyList<HopAccuracy> Hops, IReadOnlyList<Memorisation> Memory, IReadOnlyList<RelationProbe> Probes)
{
    /// <summary>Mean of a probe statistic of one subject over relations (NaN/null skipped).</summary>
    public double Mean(string subject, Func<RelationProbe, double?> stat) =>
        Probes.Where(p => p.Subject == subject).Select(stat).Where(v => v is { } x && !double.IsNaN(x)).Select(v => v!.Value).DefaultIfEmpty(double.NaN).Average();
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

    public static FactGraphResults Run(FactGraphExperimentConfig c, string runsRoot, Action<string> log, CancellationToken cancel)
    {
        FactGraphDataset data = FactGraphGenerator.Generate(c.Facts, (ulong)c.Seed);
        FactSet g = data.Graph;
        var embeddings = new Dictionary<string, EmbeddingMatrix>();
        var memory = new List<Memorisation>();

        var gpt = Train(GptConfig(c), data, runsRoot, cancel);
        var seq = FactSequences.Build(data, c.TrainCompositions);
        var hops = new List<HopAccuracy> { Accuracy(gpt.Model, 1, "facts (trained)", seq.Facts) };
        foreach (var (k, arrays) in seq.SeenByHop)
        {
            hops.Add(Accuracy(gpt.Model, k, c.TrainCompositions ? "seen (trained)" : "seen (not trained)", arrays));
        }

        foreach (var (k, arrays) in seq.UnseenByHop)
        {
            hops.Add(Accuracy(gpt.Model, k, "unseen", arrays));
        }

        memory.Add(new Memorisation("gpt", "atomic facts e_h r -> e_t", "top-1 (greedy) accuracy", hops[0].SeqAcc));
        embeddings["gpt"] = Embeddings(gpt.Model, g.EntityCount);
        log($"gpt: facts {hops[0].SeqAcc:F3}; " + string.Join(", ", hops.Skip(1).Select(h => $"{h.Hops}-hop {h.Split} {h.SeqAcc:F3}")));

        Graph union = g.UnionGraph(directed: true);
        foreach (bool frozen in new[] { false, true })
        {
            string name = frozen ? "edge_network_frozen" : "edge_network";
            var edge = Train(EdgeConfig(c, frozen), data, runsRoot, cancel);
            var scores = ModelScores((Module<Tensor, Tensor>)edge.Model.Module, g.EntityCount);
            double recovery = new EdgeRecoveryProbe().Run(scores, union).TopKRecovery;
            memory.Add(new Memorisation(name, "union-graph arcs e_h -> e_t", "top-5 recovery", recovery));
            embeddings[name] = Embeddings(edge.Model, g.EntityCount);
            log($"{name}: union top-5 recovery {recovery:F3}");
        }

        cancel.ThrowIfCancellationRequested();
        manual_seed((ulong)c.Seed);
        using (var n2v = new FullSoftmaxNode2Vec(g.UnionGraph(directed: false), c.Dim))
        {
            n2v.Train(c.Node2VecSteps, c.Node2VecLr, snapshotEvery: 0);
            embeddings["node2vec"] = Embeddings(n2v, g.EntityCount);
        }

        embeddings["random"] = EmbeddingMatrix.Gaussian(g.EntityCount, c.Dim, (ulong)c.Seed + 99);
        var probes = new List<RelationProbe>();
        foreach (string s in Subjects)
        {
            probes.AddRange(ProbeRelations(s, embeddings[s], g, c));
            log($"{s}: probed {g.RelationCount} relation graphs");
        }

        return new FactGraphResults(data, hops, memory, probes);
    }

    /// <summary>Probes one embedding on each relation graph (undirected) and fits each relation's map.</summary>
    public static IEnumerable<RelationProbe> ProbeRelations(string subject, EmbeddingMatrix e, FactSet g, FactGraphExperimentConfig c)
    {
        RelationMapResult[] maps = RelationMapProbe.Run(e, g, c.MapHeldOut, (ulong)c.Seed);
        for (int r = 0; r < g.RelationCount; r++)
        {
            ProbeResults p = ProbeSuite.Run(new ProbeSubject { Embedding = e, Graph = g.RelationGraph(r, directed: false) }, label: $"{subject}-r{r}", modelKind: subject);
            yield return new RelationProbe(subject, r, p.EdgeRecovery?.TopKRecovery, p.GeometricLevel?.EdgeCos ?? double.NaN,
                p.GeometricLevel?.Excess ?? double.NaN, p.Spectral?.Smooth25, p.Spectral?.Rough25, maps[r].Accuracy, maps[r].Chance, p.Verdict.Label);
        }
    }

    private static PreparedTask Train(FactGraphRunConfig rc, FactGraphDataset data, string runsRoot, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        PreparedTask p = FactGraphTask.Prepare(rc, data);
        RunFolder run = RunFolder.Create(runsRoot, p.RunName);
        new TrainingSession(run, p.Model, p.Data, p.Train, rc).Execute(Progress.NullProgress.Instance, cancel);
        return p;
    }

    private static FactGraphRunConfig GptConfig(FactGraphExperimentConfig c) => new()
    {
        Name = "gpt",
        Seed = c.Seed,
        Data = new FactGraphData { Facts = c.Facts, TrainCompositions = c.TrainCompositions, BatchSize = 0 },
        Model = new ModelChoice { Kind = "gpt", Gpt = new() { NLayer = c.GptLayers, NHead = c.GptHeads, NEmbd = c.Dim, BlockSize = 8 } },
        Train = new TrainConfig
        {
            Steps = c.GptSteps, Lr = c.GptLr, WeightDecay = 0, WarmupSteps = Math.Min(50, c.GptSteps / 10), GradClip = 1.0,
            EvalEvery = c.GptSteps, CheckpointEvery = 0, LogEvery = 25,
        },
    };

    private static FactGraphRunConfig EdgeConfig(FactGraphExperimentConfig c, bool frozen) => new()
    {
        Name = frozen ? "edge_network_frozen" : "edge_network",
        Seed = c.Seed,
        Data = new FactGraphData { Facts = c.Facts, BatchSize = 0 },
        Model = new ModelChoice { Kind = "edge_network", EdgeNetwork = new() { NEmbd = c.Dim, FrozenEmbeddings = frozen } },
        Train = new TrainConfig
        {
            Steps = c.EdgeSteps, Lr = frozen ? c.FrozenLr : c.EdgeLr, WeightDecay = 0, GradClip = 0, Schedule = "cosine",
            EvalEvery = c.EdgeSteps, CheckpointEvery = 0, LogEvery = 25,
        },
    };

    private static HopAccuracy Accuracy(ITrainable model, int hops, string split, SequenceArrays arrays)
    {
        using Batch b = SequenceBatches.Slice(arrays, Enumerable.Range(0, arrays.Count).ToArray());
        var m = model.Evaluate(b);
        return new HopAccuracy(hops, split, arrays.Count, m["seq_acc"], m["acc"]);
    }

    private static EmbeddingMatrix Embeddings(ITrainable model, int entities)
    {
        using Tensor t = ((INodeEmbeddings)model).NodeEmbeddings();
        return EmbeddingMatrix.FromTensor(t).TakeRows(entities);
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
