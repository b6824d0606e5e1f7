namespace Trainer.Models.Node2Vec;

/// <summary>
/// Hyper-parameters of <see cref="SkipGramModel"/> (JSON keys are the snake_case names: <c>node_count</c>, <c>dim</c>,
/// <c>negatives</c>, <c>shared_table</c>, <c>init</c>, <c>sparse</c>). Defaults follow word2vec / gensim: separate input
/// and output tables, input ~ U(-0.5/d, 0.5/d), output = 0, 5 negatives.
/// </summary>
public sealed record SkipGramConfig
{
    /// <summary>Number of graph nodes n (rows of each table).</summary>
    public int NodeCount { get; init; } = 34;

    /// <summary>Embedding dimension d.</summary>
    public int Dim { get; init; } = 64;

    /// <summary>Negatives k drawn per (centre, context) pair.</summary>
    public int Negatives { get; init; } = 5;

    /// <summary>One table for centres and contexts (e_u . e_v) instead of word2vec's input/output pair (u_u . v_v).</summary>
    public bool SharedTable { get; init; }

    /// <summary>
    /// "word2vec": input ~ U(-0.5/d, 0.5/d) and output = 0 (gensim's init; a shared table gets the uniform one);
    /// "normal": every table ~ N(0, 1) (PyTorch's nn.Embedding default, the paper's tiny-graph Node2Vec).
    /// </summary>
    public string Init { get; init; } = "word2vec";

    /// <summary>The allowed values of <see cref="Init"/>.</summary>
    public static IReadOnlyList<string> Inits { get; } = ["word2vec", "normal"];

    /// <summary>Sparse COO gradients (only the looked-up rows; train with SparseAdam or SGD); false gives dense ones (Adam).</summary>
    public bool Sparse { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending key.</summary>
    public void Validate()
    {
        if (NodeCount < 1)
        {
            throw new ArgumentException($"node_count must be >= 1, got {NodeCount}");
        }

        if (Dim < 1)
        {
            throw new ArgumentException($"dim must be >= 1, got {Dim}");
        }

        if (Negatives < 0)
        {
            throw new ArgumentException($"negatives must be >= 0, got {Negatives}");
        }

        if (!Inits.Contains(Init))
        {
            throw new ArgumentException($"init must be one of {string.Join(", ", Inits)}; got '{Init}'");
        }
    }
}
