using Trainer.Data.Graphs;

namespace Trainer.Training.Probes;

/// <summary>
/// Runs every probe that applies to a <see cref="ProbeSubject"/> and judges the verdict: pure computation, no files.
/// <see cref="ProbeRunner"/> builds the subject from a run folder and writes the results.
/// </summary>
public static class ProbeSuite
{
    public static ProbeResults Run(ProbeSubject subject, ProbeOptions? options = null, string label = "", string modelKind = "", long step = 0)
    {
        options ??= new ProbeOptions();
        EmbeddingMatrix e = subject.Embedding;
        Graph graph = subject.Graph;
        if (e.Rows != graph.NodeCount)
        {
            throw new ArgumentException($"the embedding has {e.Rows} rows but the graph {graph.NodeCount} nodes");
        }

        var notes = new List<string>();
        NodeRoles roles = NodeRoles.Of(graph);

        ScoreMatrix? scores = subject.Scores;
        bool scorable = graph.NodeCount <= options.MaxScoredNodes;
        if (scores is null && scorable)
        {
            scores = ScoreMatrix.FromDot(e);
        }

        EdgeRecoveryResult? recovery = scores is null ? null : new EdgeRecoveryProbe(options.EdgeRecovery).Run(scores, graph);
        Note(notes, recovery, $"edge recovery skipped: more than {options.MaxScoredNodes} nodes");

        var level = new GeometricLevelProbe(options.GeometricLevel).Run(e, graph);
        SpectralResult? spectral = new SpectralProbe(options.Spectral).Run(e, graph);
        Note(notes, spectral, $"spectral probe skipped: needs 5 to {options.Spectral.MaxNodes} nodes");
        DistanceStructureResult? distance = new DistanceStructureProbe(options.Distance).Run(e, graph);
        Note(notes, distance, $"distance probe skipped: needs 3 to {GraphAlgorithms.AllPairsLimit} nodes");
        ArmNavigationResult? navigation = new ArmNavigationProbe(options.Navigation).Run(e, roles, subject.NavigationLeaves);
        Note(notes, navigation, "arm navigation skipped: the graph is not a star-like tree");

        MarginResult? margin = subject.Bilinear is { } w && scorable ? MarginProbe.Run(e, w, graph) : null;
        Note(notes, margin, "margin diagnostics skipped: the model exposes no bilinear W (E W E^T)");

        OuterProductResult? outer = subject.OuterProduct is { } op
            ? new OuterProductProbe(options.OuterProduct).Run(op.InputEmbedding, op.Memory, op.OutputEmbedding, op.Targets, op.Frequency)
            : null;

        PathGenerationResult? paths = subject.Generator is { } gen && subject.PathExamples is { Count: > 0 } examples
            ? PathGenerationProbe.Run(gen, examples, graph, roles.HasArms ? roles.Depth : null)
            : null;
        Note(notes, paths, "path generation skipped: the run has no path examples or no generator");

        return new ProbeResults
        {
            Run = label,
            ModelKind = modelKind,
            Step = step,
            NodeCount = graph.NodeCount,
            Dim = e.Cols,
            EdgeCount = UndirectedEdges(graph),
            ScoreSource = subject.Scores is null ? "embedding_dot" : "model",
            EdgeRecovery = recovery,
            GeometricLevel = level,
            Spectral = spectral,
            Distance = distance,
            Navigation = navigation,
            Margin = margin,
            OuterProduct = outer,
            Paths = paths,
            Associations = scores is null ? null : AssociationMap.Of(scores, roles),
            Verdict = Verdict.Judge(options.Verdict, spectral, level, distance),
            Nodes = NodeMetadata.Of(roles),
            Projection = EmbeddingProjection.Pca(e),
            Notes = notes.ToArray(),
        };
    }

    private static void Note(List<string> notes, object? result, string reason)
    {
        if (result is null)
        {
            notes.Add(reason);
        }
    }

    private static long UndirectedEdges(Graph graph)
    {
        long arcs = 0;
        for (int u = 0; u < graph.NodeCount; u++)
        {
            foreach (int v in graph.Neighbors(u))
            {
                arcs += v != u ? 1 : 0;
            }
        }

        return graph.IsDirected ? arcs : arcs / 2;
    }
}
