using Trainer.Data.Graphs;
using Trainer.Data.Tasks;
using Trainer.Models.Gpt;
using Trainer.Torch;
using Trainer.Training.Probes;
using static Trainer.Torch.torch;

namespace Trainer.Training.Experiments.PathStar;

/// <summary>
/// What the path-star experiment measures on a trained GPT: greedy generation of the held-out and training paths
/// (scored by <see cref="PathGenerationProbe"/>: whole path, per token, per position, "child" steps), and the
/// embedding probes of <see cref="ProbeSuite"/> on the memorised graph (top-5 edge recovery, geometric level, spectral
/// energy, one-step arm navigation of the held-out leaves) with their random-embedding controls.
/// </summary>
public static class PathStarEvaluation
{
    /// <summary>Prompts decoded per forward pass.</summary>
    public const int DecodeBatch = 512;

    /// <summary>Evaluates <paramref name="model"/> on <paramref name="task"/>.</summary>
    /// <param name="trainPathsDecoded">At most this many training paths are decoded (0 = all), the first ones of the split.</param>
    public static PathStarScores Run(GptModel model, PathStarTask task, int trainPathsDecoded)
    {
        Graph graph = task.Graph.Graph;
        NodeRoles roles = NodeRoles.Of(graph);
        IReadOnlyList<int> depth = roles.Depth;
        TokenExample[] train = trainPathsDecoded > 0 ? task.TrainExamples.Take(trainPathsDecoded).ToArray() : task.TrainExamples;
        PathGenerationResult? heldOut = Paths(model, task.TestExamples, graph, depth);
        PathGenerationResult? trained = Paths(model, train, graph, depth);
        var leaves = task.TestPathIndices.Select(p => task.Graph.Path(p)[^1]).ToArray();
        ProbeSubject subject = ModelSubjects.From(model, graph) with { NavigationLeaves = leaves.Length > 0 ? leaves : null };
        ProbeResults probes = ProbeSuite.Run(subject, label: "path-star", modelKind: "gpt");
        int k = probes.EdgeRecovery?.K ?? new EdgeRecoveryConfig().K;
        return new PathStarScores(heldOut, trained, HardestIndex(task.Config), probes, TopKCeiling(graph, k));
    }

    /// <summary>
    /// The best top-k edge recovery any model can reach: sum_u min(k, deg u) / sum_u deg u (the root's deg is the
    /// star's degree, so its edges beyond k cannot all be in its top k).
    /// </summary>
    public static double TopKCeiling(Graph graph, int k)
    {
        long reachable = 0;
        long arcs = 0;
        for (int u = 0; u < graph.NodeCount; u++)
        {
            int d = 0;
            foreach (int v in graph.Neighbors(u))
            {
                d += v != u ? 1 : 0;
            }

            reachable += Math.Min(k, d);
            arcs += d;
        }

        return arcs > 0 ? (double)reachable / arcs : double.NaN;
    }

    /// <summary>
    /// Index in the target of the hardest token n1 (the root's child on the leaf's arm): 1 for root-to-leaf paths,
    /// L - 2 for reversed ones, 0 for the hardest-token recipes whose target is n1 alone.
    /// </summary>
    public static int HardestIndex(PathStarTaskConfig c) => c.HardestToken ? 0 : c.ReversePath ? c.PathLength - 2 : 1;

    /// <summary>Greedy generation of every example's target (batched), scored by <see cref="PathGenerationProbe"/>; null when there are none.</summary>
    public static PathGenerationResult? Paths(GptModel model, IReadOnlyList<TokenExample> examples, Graph graph, IReadOnlyList<int>? depth)
    {
        if (examples.Count == 0)
        {
            return null;
        }

        var decoded = new Dictionary<long, long[]>(); // leaf (prompt token 1) -> generated tokens; leaves are unique per list
        foreach (IGrouping<(int, int), TokenExample> group in examples.GroupBy(x => (x.Prompt.Length, x.Target.Length)))
        {
            TokenExample[] rows = group.ToArray();
            for (int start = 0; start < rows.Length; start += DecodeBatch)
            {
                TokenExample[] chunk = rows[start..Math.Min(rows.Length, start + DecodeBatch)];
                long[][] outputs = Greedy(model, chunk, group.Key.Item1, group.Key.Item2);
                for (int i = 0; i < chunk.Length; i++)
                {
                    decoded[chunk[i].Prompt[1]] = outputs[i];
                }
            }
        }

        return PathGenerationProbe.Run((prompt, maxNew) => decoded[prompt[1]], examples, graph, depth);
    }

    /// <summary>Greedy continuation of same-length prompts: (B, P) in, the <paramref name="newTokens"/> generated per row out.</summary>
    private static long[][] Greedy(GptModel model, IReadOnlyList<TokenExample> rows, int promptLength, int newTokens)
    {
        using DisposeScope scope = NewDisposeScope();
        using var noGrad = no_grad();
        var prompts = new long[rows.Count * promptLength];
        for (int r = 0; r < rows.Count; r++)
        {
            for (int j = 0; j < promptLength; j++)
            {
                prompts[(r * promptLength) + j] = rows[r].Prompt[j];
            }
        }

        Tensor seq = model.generate(tensor(prompts, new long[] { rows.Count, promptLength }), newTokens, greedy: true); // (B, P + new)
        long[] flat = seq.narrow(1, promptLength, newTokens).contiguous().data<long>(); // (B, new)
        return Enumerable.Range(0, rows.Count).Select(r => flat.AsSpan(r * newTokens, newTokens).ToArray()).ToArray();
    }
}

/// <summary>
/// One variant's measurements: greedy generation of held-out and (decoded) training paths, the target index of the
/// hardest token n1, the probe results (edge recovery, geometry, spectrum, navigation, verdict) and the best top-k
/// edge recovery the graph allows.
/// </summary>
public sealed record PathStarScores(PathGenerationResult? HeldOut, PathGenerationResult? Train, int HardestIndex, ProbeResults Probes, double EdgeCeiling)
{
    /// <summary>Top-k edge recovery over its ceiling: 1 when every edge that can be recovered is.</summary>
    public double EdgesMemorised => (Probes.EdgeRecovery?.TopKRecovery ?? double.NaN) / EdgeCeiling;

    /// <summary>Held-out accuracy of the hardest token n1 (NaN without held-out paths).</summary>
    public double HeldOutHardest => At(HeldOut, HardestIndex);

    /// <summary>Training-path accuracy of the hardest token n1.</summary>
    public double TrainHardest => At(Train, HardestIndex);

    /// <summary>Held-out accuracy of the first generated token (the root for root-to-leaf paths).</summary>
    public double HeldOutFirst => At(HeldOut, 0);

    private static double At(PathGenerationResult? r, int i) =>
        r is not null && i < r.TokenAccuracyByPosition.Length ? r.TokenAccuracyByPosition[i] : double.NaN;
}
