namespace Trainer.Models.Gpt;

/// <summary>
/// Hyper-parameters of the GPT decoder (<see cref="GptModel"/>); JSON keys are the snake_case property names
/// (<c>vocab_size</c>, <c>n_layer</c>, <c>hopfield_beta</c>, ...). Defaults follow the geometric-memory paper's model
/// (12 layers, D = 384, 8 heads, dropout 0, tied embeddings, N(0, 0.02) init).
/// </summary>
public sealed record GptConfig
{
    /// <summary>Token vocabulary V (node ids and special tokens).</summary>
    public int VocabSize { get; init; } = 512;

    /// <summary>Longest sequence T the learned position table covers.</summary>
    public int BlockSize { get; init; } = 128;

    /// <summary>Number of transformer blocks L.</summary>
    public int NLayer { get; init; } = 12;

    /// <summary>Attention heads per block (head dim = n_embd / n_head).</summary>
    public int NHead { get; init; } = 8;

    /// <summary>Model width D.</summary>
    public int NEmbd { get; init; } = 384;

    /// <summary>Dropout probability on embeddings, attention weights and residual branches.</summary>
    public double Dropout { get; init; }

    /// <summary>Biases in every Linear and LayerNorm (nanoGPT's <c>bias</c>).</summary>
    public bool Bias { get; init; } = true;

    /// <summary>Output head shares the token embedding: logits = h E^T.</summary>
    public bool TieWeights { get; init; } = true;

    /// <summary>
    /// "normal_0.02" (nanoGPT: every weight N(0, 0.02)) or "normal_1" (the paper's non_geometric mode: token and
    /// position embeddings and the untied head N(0, 1); the other weights stay N(0, 0.02)).
    /// </summary>
    public string EmbeddingInit { get; init; } = "normal_0.02";

    /// <summary>"softmax" (scaled dot-product attention) or "hopfield" (iterated Hopfield association).</summary>
    public string Attention { get; init; } = "softmax";

    /// <summary>Inverse temperature beta of the Hopfield association; null means 1/sqrt(head_dim).</summary>
    public double? HopfieldBeta { get; init; }

    /// <summary>Hopfield update steps: steps - 1 state updates xi &lt;- softmax(beta xi K^T) K, then the readout.</summary>
    public int HopfieldSteps { get; init; } = 1;

    /// <summary>The allowed values of <see cref="EmbeddingInit"/>.</summary>
    public static IReadOnlyList<string> EmbeddingInits { get; } = ["normal_0.02", "normal_1"];

    /// <summary>The allowed values of <see cref="Attention"/>.</summary>
    public static IReadOnlyList<string> Attentions { get; } = ["softmax", "hopfield"];

    /// <summary>D / n_head.</summary>
    public int HeadDim => NEmbd / NHead;

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending key and the allowed values.</summary>
    public void Validate()
    {
        Require(VocabSize >= 1, $"vocab_size must be >= 1, got {VocabSize}");
        Require(BlockSize >= 1, $"block_size must be >= 1, got {BlockSize}");
        Require(NLayer >= 0, $"n_layer must be >= 0, got {NLayer}");
        Require(NHead >= 1, $"n_head must be >= 1, got {NHead}");
        Require(NEmbd >= 1 && NEmbd % NHead == 0, $"n_embd must be a positive multiple of n_head ({NHead}), got {NEmbd}");
        Require(Dropout >= 0 && Dropout < 1, $"dropout must lie in [0, 1), got {Dropout}");
        Require(EmbeddingInits.Contains(EmbeddingInit),
            $"embedding_init must be one of {string.Join(", ", EmbeddingInits)}; got '{EmbeddingInit}'");
        Require(Attentions.Contains(Attention), $"attention must be one of {string.Join(", ", Attentions)}; got '{Attention}'");
        Require(HopfieldBeta is null || HopfieldBeta > 0, $"hopfield_beta must be > 0 or null, got {HopfieldBeta}");
        Require(HopfieldSteps >= 1, $"hopfield_steps must be >= 1, got {HopfieldSteps}");
    }

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException(message);
        }
    }
}
