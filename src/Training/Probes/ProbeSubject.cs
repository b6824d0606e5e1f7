using Trainer.Data.Graphs;
using Trainer.Data.Tasks;

namespace Trainer.Training.Probes;

/// <summary>
/// What the probes look at: node embeddings E (n, d) of a graph's nodes and, where the model has them, its own
/// next-node scores (sequence models: logits after <c>[EDGE] u</c>), the bilinear W of an E W E^T model, a greedy
/// generator with path examples, and an outer-product memory. Anything left null is probed from E alone or skipped.
/// </summary>
public sealed record ProbeSubject
{
    /// <summary>Node embeddings, row u = e_u.</summary>
    public required EmbeddingMatrix Embedding { get; init; }

    /// <summary>The memorised graph.</summary>
    public required Graph Graph { get; init; }

    /// <summary>The model's next-node scores; null = e_u . e_w with self excluded.</summary>
    public ScoreMatrix? Scores { get; init; }

    /// <summary>W (d, d) row-major with S[u, w] = e_u^T W e_w, for the margin diagnostics; null to skip them.</summary>
    public double[]? Bilinear { get; init; }

    /// <summary>Greedy generator (prompt, maxNew) -&gt; new tokens, for the path probes.</summary>
    public Func<long[], int, long[]>? Generator { get; init; }

    /// <summary>Path examples to generate (held-out ones, when the task has a split).</summary>
    public IReadOnlyList<TokenExample>? PathExamples { get; init; }

    /// <summary>Leaves for the one-step navigation probe; null = every leaf.</summary>
    public IReadOnlyList<int>? NavigationLeaves { get; init; }

    /// <summary>An outer-product memory to probe.</summary>
    public OuterProductInputs? OuterProduct { get; init; }
}

/// <summary>The arrays of an outer-product memory (see <see cref="OuterProductProbe"/>).</summary>
public sealed record OuterProductInputs(EmbeddingMatrix InputEmbedding, double[] Memory, EmbeddingMatrix OutputEmbedding, int[] Targets, double[] Frequency);
