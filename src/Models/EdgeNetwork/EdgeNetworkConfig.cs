namespace Trainer.Models.EdgeNetwork;

/// <summary>
/// Hyper-parameters of <see cref="EdgeNetworkModel"/>; JSON keys are the snake_case property names (<c>vocab_size</c>,
/// <c>n_embd</c>, <c>frozen_embeddings</c>, <c>init</c>, <c>bias</c>). Defaults follow the paper's tiny-graph runs (D = 32).
/// </summary>
public sealed record EdgeNetworkConfig
{
    /// <summary>Token vocabulary V: node ids and the special tokens (path-star: n + 9).</summary>
    public int VocabSize { get; init; } = 26;

    /// <summary>Embedding width D.</summary>
    public int NEmbd { get; init; } = 32;

    /// <summary>Bias b of the hidden Linear.</summary>
    public bool Bias { get; init; } = true;

    /// <summary>The associative control: the embedding table E keeps its random init and gets no gradient.</summary>
    public bool FrozenEmbeddings { get; init; }

    /// <summary>"normal_0.02" (E ~ N(0, 0.02^2), the paper's tied init) or "normal_1" (E ~ N(0, 1)); W ~ N(0, 0.02^2), b = 0.</summary>
    public string Init { get; init; } = "normal_0.02";

    /// <summary>The allowed values of <see cref="Init"/>.</summary>
    public static IReadOnlyList<string> Inits { get; } = ["normal_0.02", "normal_1"];

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending key.</summary>
    public void Validate()
    {
        if (VocabSize < 1)
        {
            throw new ArgumentException($"vocab_size must be >= 1, got {VocabSize}");
        }

        if (NEmbd < 1)
        {
            throw new ArgumentException($"n_embd must be >= 1, got {NEmbd}");
        }

        if (!Inits.Contains(Init))
        {
            throw new ArgumentException($"init must be one of {string.Join(", ", Inits)}; got '{Init}'");
        }
    }
}
