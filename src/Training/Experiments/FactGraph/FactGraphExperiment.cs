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

    public object DefaultConfig(string scale) => scale == "large"
        ? new FactGraphExperimentConfig
        {
            Facts = new FactGraphConfig { Entities = 2000, Relations = 4, MaxHops = 3, QueriesPerHop = 5000, UnseenFraction = 0.5 },
            Dim = 128, GptLayers = 4, GptHeads = 4, GptSteps = 20000, EdgeSteps = 2000, Node2VecSteps = 10000,
        }
        : new FactGraphExperimentConfig();

    public ExperimentReport Execute(object config, ExperimentContext context)
    {
        var c = (FactGraphExperimentConfig)config;
        FactGraphResults r = FactGraphRunner.Run(c, Path.Combine(context.Run.Path, "runs"), context.Progress.Log, context.Cancel);
        var f = c.Facts;
        return new ExperimentReport("Fact graph: atomic facts, multi-hop composition, lookup or geometry")
            .Paragraph(Inv($"Data: {f.Structure} fact graph, E = {f.Entities} entities, R = {f.Relations} relations, {r.Data.Graph.FactCount} atomic facts; k-hop queries k = 2..{f.MaxHops}, {r.Data.Seen.Count} seen and {r.Data.Unseen.Count} unseen compositions (every fact an unseen query uses is trained); intermediates in targets: {f.Intermediates}. GPT: {c.GptLayers} layers, {c.GptHeads} heads, D = {c.Dim}, {c.GptSteps} full-batch AdamW steps on {(c.TrainCompositions ? "facts + seen compositions" : "atomic facts only")}."))
            .Paragraph("The edge network E(W e_u + b) has no position mixing, so it cannot read the two-token prompt e_h r; it memorises the relation-free " +
                       "union graph (arcs e_h -> e_t) instead, with learned and with frozen (random) embeddings. Node2Vec (full softmax) runs on the undirected union graph.")
            .Table("Per-hop accuracy of the GPT (seq_acc, teacher-forced = greedy exact answer)", ["hops", "split", "queries", "seq_acc", "token acc"],
                r.Hops.Select(h => (IReadOnlyList<object?>)[h.Hops, h.Split, h.Count, h.SeqAcc, h.TokenAcc]))
            .Table("Memorisation", ["model", "trained on", "measure", "value"], r.Memory.Select(m => (IReadOnlyList<object?>)[m.Subject, m.Trained, m.Measure, m.Value]))
            .Table("Probes averaged over relations (each relation graph undirected)", ["embedding", "top-5 recovery (dot)", "edge cos", "cosine gap", "smooth25", "rough25", "map NN acc", "chance"],
                FactGraphRunner.Subjects.Select(s => (IReadOnlyList<object?>)[s, r.Mean(s, p => p.TopKRecovery), r.Mean(s, p => p.EdgeCos), r.Mean(s, p => p.CosineGap),
                    r.Mean(s, p => p.Smooth25), r.Mean(s, p => p.Rough25), r.Mean(s, p => p.MapAccuracy), 1.0 / f.Entities]))
            .Table("Probes per relation graph", ["embedding", "relation", "top-5 recovery (dot)", "edge cos", "cosine gap", "smooth25", "rough25", "map NN acc", "verdict"],
                r.Probes.Select(p => (IReadOnlyList<object?>)[p.Subject, "r" + p.Relation.ToString(CultureInfo.InvariantCulture), p.TopKRecovery, p.EdgeCos, p.CosineGap, p.Smooth25, p.Rough25, p.MapAccuracy, p.Verdict]))
            .Paragraph("Reading: smooth25 is the share of the embedding's energy on the smoothest quarter of the relation graph's Laplacian eigenvectors (chance ~0.25); " +
                       "cosine gap = mean cosine of connected entities minus that of all pairs; map NN acc = share of held-out facts whose tail is the entity nearest to " +
                       "e_h M_r, with M_r = pinv(H) T fitted on the other facts of r. Verdicts compare each signal with i.i.d. Gaussian embeddings (docs/PROBES.md).");
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
