namespace Trainer.Training.Probes;

/// <summary>Per-node metadata (also the projector's metadata columns).</summary>
/// <param name="Root">The root/center node (see <see cref="NodeRoles"/>).</param>
/// <param name="Arm">Arm per node (-1: root or not a star).</param>
/// <param name="Depth">Hops from the root.</param>
/// <param name="Degree">Neighbours other than self.</param>
public sealed record NodeMetadata(int Root, int[] Arm, int[] Depth, int[] Degree)
{
    public static NodeMetadata Of(NodeRoles roles) => new(roles.Root, roles.Arm, roles.Depth, roles.Degree);
}

/// <summary>
/// Everything the probes found for one embedding, as written to <c>probes.json</c> (snake_case keys). A probe that
/// could not run is null, with the reason in <see cref="Notes"/>.
/// </summary>
public sealed record ProbeResults
{
    /// <summary>Run folder name (or a label for in-memory subjects).</summary>
    public string Run { get; init; } = "";

    /// <summary>Model kind as the task reports it (edge_network, edge_network_frozen, gpt, node2vec, ...).</summary>
    public string ModelKind { get; init; } = "";

    /// <summary>Training step of the probed weights.</summary>
    public long Step { get; init; }

    /// <summary>n.</summary>
    public int NodeCount { get; init; }

    /// <summary>d.</summary>
    public int Dim { get; init; }

    /// <summary>Undirected edges (self-loops excluded).</summary>
    public long EdgeCount { get; init; }

    /// <summary>"model" when the model's own next-token scores were used, "embedding_dot" otherwise.</summary>
    public string ScoreSource { get; init; } = "";

    public EdgeRecoveryResult? EdgeRecovery { get; init; }

    public GeometricLevelResult? GeometricLevel { get; init; }

    public SpectralResult? Spectral { get; init; }

    public DistanceStructureResult? Distance { get; init; }

    public ArmNavigationResult? Navigation { get; init; }

    public MarginResult? Margin { get; init; }

    public OuterProductResult? OuterProduct { get; init; }

    public PathGenerationResult? Paths { get; init; }

    /// <summary>softmax of the next-node scores over a subset of nodes (see <see cref="AssociationMap"/>).</summary>
    public AssociationMap? Associations { get; init; }

    public required Verdict Verdict { get; init; }

    public required NodeMetadata Nodes { get; init; }

    /// <summary>PCA of the node embeddings (for the report's scatter).</summary>
    public required Projection2D Projection { get; init; }

    /// <summary>Skipped probes and other remarks.</summary>
    public string[] Notes { get; init; } = [];

    /// <summary>The headline numbers as flat scalars (TensorBoard tags, Markdown), NaN-free entries only.</summary>
    public IReadOnlyDictionary<string, double> Scalars()
    {
        var s = new Dictionary<string, double>();
        void Add(string key, double? value)
        {
            if (value is double v && double.IsFinite(v))
            {
                s[key] = v;
            }
        }

        Add("probe/topk_recovery", EdgeRecovery?.TopKRecovery);
        Add("probe/top1_accuracy", EdgeRecovery?.Top1Accuracy);
        Add("probe/edge_cos", GeometricLevel?.EdgeCos);
        Add("probe/cosine_gap", GeometricLevel?.Excess);
        Add("probe/control_cosine_gap", GeometricLevel?.ControlExcess.Mean);
        Add("probe/smooth25", Spectral?.Smooth25);
        Add("probe/rough25", Spectral?.Rough25);
        Add("probe/control_smooth25", Spectral?.ControlSmooth25.Mean);
        Add("probe/spearman", Distance?.Spearman);
        Add("probe/control_spearman", Distance?.ControlSpearman.Mean);
        Add("probe/knn_recovery", Distance?.KnnRecovery);
        Add("probe/arm_mean_accuracy", Navigation?.ArmMeanAccuracy);
        Add("probe/arm_nearest_node_accuracy", Navigation?.NearestNodeAccuracy);
        Add("probe/margin_w", Margin?.MarginW);
        Add("probe/margin_w_prime", Margin?.MarginWPrime);
        Add("probe/top1_w_prime", Margin?.Top1WPrime);
        Add("probe/outer_product_error", OuterProduct?.Error);
        Add("probe/path_sequence_accuracy", Paths?.SequenceAccuracy);
        Add("probe/path_token_accuracy", Paths?.TokenAccuracy);
        Add("probe/path_child_accuracy", Paths?.ChildAccuracy);
        s["probe/verdict_geometric_signals"] = Verdict.Signals.Count(x => x.Geometric);
        return s;
    }
}
