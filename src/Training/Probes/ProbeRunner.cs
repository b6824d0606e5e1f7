using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Trainer.Data.Graphs;
using Trainer.Training.Logging;
using Trainer.Training.Runs;
using Trainer.Training.Tasks;

namespace Trainer.Training.Probes;

/// <summary>
/// <c>trainer probe &lt;run&gt;</c>: loads a run's model (<see cref="RunLoader"/>), probes its node embeddings on the
/// task's graph (<see cref="ProbeSuite"/>) and writes <c>probes.json</c>, TensorBoard scalars (<c>probe/*</c> at the
/// checkpoint's step), the verdict as text, and the embedding projector files (metadata columns node, arm, depth,
/// degree) into the run folder.
/// </summary>
public static class ProbeRunner
{
    /// <summary>The results file in a run folder.</summary>
    public const string FileName = "probes.json";

    /// <summary>Projector tag of the node embeddings.</summary>
    public const string EmbeddingTag = "node_embeddings";

    /// <summary>Probes <paramref name="run"/> and writes the results into it.</summary>
    public static ProbeResults Run(RunFolder run, ProbeOptions? options = null)
    {
        options ??= new ProbeOptions();
        var (_, _, prepared) = RunLoader.Load(run, options.Best);
        try
        {
            Graph graph = prepared.Context.Graph
                ?? throw new NotSupportedException($"{run.Name}: task has no graph; the probes need one");
            ProbeSubject subject = ModelSubjects.From(prepared.Model, graph, options.MaxScoredNodes);
            long step = StepOf(run);
            ProbeResults results = ProbeSuite.Run(subject, options, run.Name, prepared.Context.ModelKind, step);
            Write(run, results);
            if (options.TensorBoard)
            {
                WriteTensorBoard(run.Path, results, subject.Embedding);
            }

            return results;
        }
        finally
        {
            prepared.Model.Module.Dispose();
        }
    }

    /// <summary>Writes <c>probes.json</c> into the run folder (atomically).</summary>
    public static void Write(RunFolder run, ProbeResults results) =>
        AtomicFile.WriteText(run.File(FileName), ProbeJson.Serialize(results) + "\n");

    /// <summary>The run's probes.json, or null when it has none.</summary>
    public static ProbeResults? Read(RunFolder run) =>
        File.Exists(run.File(FileName)) ? ProbeJson.Read(run.File(FileName)) : null;

    /// <summary>Scalars, verdict text, projector files and PNG charts into <paramref name="logDir"/>.</summary>
    public static void WriteTensorBoard(string logDir, ProbeResults results, EmbeddingMatrix embedding)
    {
        using var writer = new SummaryWriter(logDir, new SummaryWriterOptions { FilenameSuffix = ".probes", FlushSeconds = 0 });
        foreach (var (tag, value) in results.Scalars())
        {
            writer.add_scalar(tag, value, results.Step);
        }

        writer.add_text("probe/verdict", VerdictText(results), results.Step);
        writer.add_embedding(embedding.ToFloat32(), embedding.Rows, embedding.Cols, MetadataRows(results.Nodes),
            ["node", "arm", "depth", "degree"], globalStep: results.Step, tag: EmbeddingTag);
        foreach (var (tag, png) in Reports.PngCharts.For(results))
        {
            writer.add_image(tag, png.Pixels, png.Height, png.Width, 4, results.Step);
        }
    }

    /// <summary>One metadata row per node: id, arm ("-" off stars and for the root), depth, degree.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> MetadataRows(NodeMetadata nodes) =>
        Enumerable.Range(0, nodes.Degree.Length)
            .Select(u => (IReadOnlyList<string>)
            [
                u.ToString(CultureInfo.InvariantCulture),
                nodes.Arm[u] < 0 ? "-" : nodes.Arm[u].ToString(CultureInfo.InvariantCulture),
                nodes.Depth[u].ToString(CultureInfo.InvariantCulture),
                nodes.Degree[u].ToString(CultureInfo.InvariantCulture),
            ])
            .ToList();

    private static string VerdictText(ProbeResults r)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"**{r.Verdict.Label}**\n\n| signal | value | control mean | threshold | geometric |\n|---|---|---|---|---|\n");
        foreach (VerdictSignal s in r.Verdict.Signals)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {s.Name} | {s.Value:F3} | {s.ControlMean:F3} | {s.Threshold:F3} | {(s.Geometric ? "yes" : "no")} |\n");
        }

        sb.Append('\n').Append(r.Verdict.Rule);
        return sb.ToString();
    }

    private static long StepOf(RunFolder run)
    {
        if (!File.Exists(run.MetricsPath))
        {
            return 0;
        }

        JsonObject metrics = run.Metrics.Snapshot();
        if (metrics["steps"] is not JsonValue v)
        {
            return 0;
        }

        return v.TryGetValue(out long step) ? step : v.TryGetValue(out double d) ? (long)d : 0;
    }
}
