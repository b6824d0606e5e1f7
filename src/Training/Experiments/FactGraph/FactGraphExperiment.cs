using System.Globalization;
using Trainer.Data.Facts;

namespace Trainer.Training.Experiments.FactGraph;

/// <summary>
/// Fact graphs (the general case the geometric-memory paper, Noroozizadeh et al. 2025, opens with): a GPT memorises
/// atomic facts (head, relation) -&gt; tail and, where the recipe says so, the seen k-hop compositions, and is asked
/// the unseen compositions; per-hop accuracy on seen and unseen compositions. Then the entity embeddings of the GPT,
/// of edge networks on the relation-free union graph (learned and frozen), of Node2Vec on the union graph and of an
/// i.i.d. Gaussian control are probed on each relation graph: top-5 recovery of the relation's edges by embedding
/// dot product, geometric level (edge cosine), spectral energy on the relation graph's Laplacian, and the relation as
/// a linear map M_r fitted by least squares (nearest-neighbour accuracy on held-out facts).
/// </summary>
public sealed class FactGraphExperiment : IExperiment
{
    public string Name => "fact-graph";

    public string Description => "atomic facts and k-hop compositions: per-hop accuracy of a GPT; probes of entity embeddings per relation (GPT, edge network, Node2Vec, controls)";

    public Type ConfigType => typeof(FactGraphExperimentConfig);

    /// <summary>
    /// small: 200 entities, 3 relations, 2 hops, a 2-layer D = 64 GPT (minutes on 2 cores). large: 10^4 entities,
    /// 4 relations, 3 hops, the paper's 12-layer, 8-head, D = 384 GPT with mini-batches, skip-gram Node2Vec; 10^5
    /// entities is <c>--set facts.entities=100000</c> (the dense probes are then skipped above probe_max_nodes).
    /// </summary>
    public object DefaultConfig(string scale) => scale == "large"
        ? new FactGraphExperimentConfig
        {
            Facts = new FactGraphConfig { Entities = 10000, Relations = 4, MaxHops = 3, QueriesPerHop = 20000, UnseenFraction = 0.5 },
            Dim = 384, GptLayers = 12, GptHeads = 8, GptSteps = 50000, GptLr = 5e-4, BatchSize = 4096,
            EdgeSteps = 20000, EdgeLr = 0.01, FrozenLr = 0.2,
            Node2Vec = new FactGraphNode2VecConfig { Method = "skip_gram", WalksPerNode = 10, WalkLength = 40, Window = 5, Negatives = 5, Epochs = 5 },
            ProbeMaxNodes = 10000,
        }
        : new FactGraphExperimentConfig();

    public ExperimentReport Execute(object config, ExperimentContext context)
    {
        var c = (FactGraphExperimentConfig)config;
        FactGraphResults r = FactGraphRunner.Run(c, Path.Combine(context.Run.Path, "runs"), context.Progress.Log, context.Cancel);
        return Report(c, r);
    }

    /// <summary>The report of a finished run: data, per-hop accuracy, memorisation, probes, figures.</summary>
    public static ExperimentReport Report(FactGraphExperimentConfig c, FactGraphResults r)
    {
        var f = c.Facts;
        var report = new ExperimentReport("Fact graph: atomic facts, multi-hop composition, lookup or geometry")
            .Paragraph(Inv($"Data: {KeyName(f.Structure)} fact graph, E = {f.Entities} entities, R = {f.Relations} relations, {r.Data.Graph.FactCount} atomic facts; k-hop queries k = 2..{f.MaxHops}, {r.Data.Seen.Count} seen and {r.Data.Unseen.Count} unseen compositions (every fact an unseen query uses is trained); targets: {(f.Intermediates ? "the intermediate entities t1 .. tk" : "the answer tk only")}. GPT: {c.GptLayers} layers, {c.GptHeads} heads, D = {c.Dim}, {c.GptSteps} AdamW steps ({(c.BatchSize > 0 ? $"batches of {c.BatchSize}" : "full batch")}) on {(c.TrainCompositions ? "facts + seen compositions" : "atomic facts only")}."))
            .Paragraph(Inv($"The edge network E(W e_u + b) has no position mixing, so it cannot read the two-token prompt e_h r; it memorises the relation-free union graph (arcs e_h -> e_t) instead, with learned and with frozen (random) embeddings. Node2Vec ({c.Node2Vec.Method}) runs on the undirected union graph. Total time {r.Seconds:0} s."));

        report.Heading("Composition");
        report.Table("Per-hop accuracy of the GPT (seq_acc: the whole target right under teacher forcing, which equals greedy decoding; token acc: per target token)",
                ["hops", "split", "queries", "seq_acc", "token acc", "answer = head", "chance"],
                r.Hops.Select(h => (IReadOnlyList<object?>)[h.Hops, h.Split, h.Count, h.SeqAcc, h.TokenAcc, h.AnswerIsHead, 1.0 / f.Entities]))
            .Figure("GPT exact-answer accuracy per hop count; k = 1 is the atomic facts. The dotted line is chance 1/E.", FactGraphFigures.HopAccuracy(r));
        if (r.GptCurves.Series.Count > 0)
        {
            report.Figure("Accuracy on the unseen compositions (the GPT run's validation split) during training.", FactGraphFigures.UnseenDuringTraining(r))
                .Figure("GPT training loss and loss on the unseen compositions.", FactGraphFigures.Losses(r));
        }

        report.Heading("Memorisation and geometry of the entity embeddings");
        report.Table("Memorisation", ["model", "trained on", "measure", "value"], r.Memory.Select(m => (IReadOnlyList<object?>)[m.Subject, m.Trained, m.Measure, m.Value]))
            .Table("Probes averaged over relations (each relation graph undirected)", ["embedding", "top-5 recovery (dot)", "edge cos", "cosine gap", "smooth25", "rough25", "map NN acc", "chance"],
                FactGraphRunner.Subjects.Select(s => (IReadOnlyList<object?>)[s, r.Mean(s, p => p.TopKRecovery), r.Mean(s, p => p.EdgeCos), r.Mean(s, p => p.CosineGap),
                    r.Mean(s, p => p.Smooth25), r.Mean(s, p => p.Rough25), r.Mean(s, p => p.MapAccuracy), 1.0 / f.Entities]))
            .Table("Probes per relation graph, then on the union graph the edge networks and Node2Vec were trained on", ["embedding", "relation", "top-5 recovery (dot)", "edge cos", "cosine gap", "smooth25", "rough25", "map NN acc", "verdict"],
                r.Probes.Select(p => (IReadOnlyList<object?>)[p.Subject, p.Relation < 0 ? "union" : "r" + p.Relation.ToString(CultureInfo.InvariantCulture), p.TopKRecovery, p.EdgeCos, p.CosineGap, p.Smooth25, p.Rough25, p.MapAccuracy, p.Verdict]));
        if (r.Probes.Any(p => p.Smooth25 is not null))
        {
            report.Figure("Cosine gap against smooth25, one dot per embedding and relation graph: geometric embeddings sit up and to the right, i.i.d. ones near (0, 0.25).", FactGraphFigures.GeometryScatter(r))
                .Figure("Cumulative spectral energy on relation r0's graph, smooth to rough eigenvectors; the dashed diagonal is an isotropic embedding.", FactGraphFigures.CumulativeEnergy(r, 0));
        }
        else
        {
            report.Paragraph(Inv($"Top-5 recovery and the spectral probe were skipped: E = {f.Entities} is above probe_max_nodes = {c.ProbeMaxNodes}."));
        }

        return report.Paragraph("Reading: top-5 recovery is the share of a relation graph's edges (u, v) with v among the 5 entities of largest e_u . e_w (w != u); smooth25 is the share of the embedding's energy on the smoothest quarter of the relation graph's Laplacian eigenvectors (chance ~0.25); " +
                       "cosine gap = mean cosine of connected entities minus that of all pairs; map NN acc = share of held-out facts whose tail is the entity nearest to " +
                       "e_h M_r, with M_r = pinv(H) T fitted on the other facts of r. Verdicts compare each signal with i.i.d. Gaussian embeddings (docs/PROBES.md).");
    }

    private static string KeyName(FactStructure s) => Config.KeyNames.EnumName(typeof(FactStructure), s);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
