using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Models.Gpt;

/// <summary>
/// The trunk of <see cref="GptModel"/> (nanoGPT's <c>transformer</c> ModuleDict): token embedding <c>wte</c> (V, D), learned
/// position embedding <c>wpe</c> (block_size, D), embedding dropout, the blocks <c>h.0 .. h.{L-1}</c> and the final
/// LayerNorm <c>ln_f</c>. h_0 = dropout(E[idx] + P[0..T)), h_l = Block_l(h_{l-1}), out = LN_f(h_L).
/// </summary>
public sealed class GptTransformer : Module<Tensor, Tensor>
{
    public GptTransformer(GptConfig config)
    {
        wte = new Embedding(config.VocabSize, config.NEmbd);
        wpe = new Embedding(config.BlockSize, config.NEmbd);
        drop = new Dropout(config.Dropout);
        h = new ModuleList<Block>(Enumerable.Range(0, config.NLayer).Select(_ => new Block(config)));
        ln_f = new LayerNorm(config.NEmbd, bias: config.Bias);
    }

    /// <summary>Token embedding E, (V, D).</summary>
    public Embedding wte { get; }

    /// <summary>Position embedding P, (block_size, D).</summary>
    public Embedding wpe { get; }

    public Dropout drop { get; }

    public ModuleList<Block> h { get; }

    public LayerNorm ln_f { get; }

    public override string GetName() => "ModuleDict";

    // idx: (B, T) int64 -> final hidden states (B, T, D)
    public override Tensor forward(Tensor input)
    {
        long t = input.size(1);
        long blockSize = wpe.num_embeddings;
        if (t > blockSize)
        {
            throw new ArgumentException($"Cannot forward sequence of length {t}, block size is only {blockSize}", nameof(input));
        }

        using DisposeScope scope = NewDisposeScope();
        Tensor pos = arange(t, ScalarType.Int64, input.device); // (T)
        Tensor x = drop.call(wte.call(input) + wpe.call(pos)); // (B, T, D)
        foreach (Block block in h)
        {
            x = block.call(x);
        }

        return scope.MoveToOuter(ln_f.call(x));
    }
}
