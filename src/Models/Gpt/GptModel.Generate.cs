using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Gpt;

// Autoregressive decoding.
public sealed partial class GptModel
{
    /// <summary>
    /// Appends <paramref name="max_new_tokens"/> tokens to idx (B, T) and returns (B, T + max_new_tokens), without
    /// gradients. Each step feeds the last block_size tokens, takes the logits at the last position, divides them by
    /// <paramref name="temperature"/>, keeps the <paramref name="top_k"/> largest (if set) and samples from the softmax
    /// with the global generator, or takes the argmax when <paramref name="greedy"/>. The module's mode is left as it
    /// is (call <c>eval()</c> first to turn dropout off).
    /// </summary>
    public Tensor generate(Tensor idx, int max_new_tokens, double temperature = 1.0, int? top_k = null, bool greedy = false)
    {
        if (max_new_tokens < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(max_new_tokens), max_new_tokens, "must be >= 0");
        }

        if (!greedy && !(temperature > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "sampling needs temperature > 0");
        }

        using var noGrad = no_grad();
        Tensor seq = AsLong(idx);
        for (int i = 0; i < max_new_tokens; i++)
        {
            using DisposeScope scope = NewDisposeScope();
            Tensor next = NextToken(seq, temperature, top_k, greedy); // (B, 1)
            Tensor grown = scope.MoveToOuter(cat(new[] { seq, next }, 1)); // (B, T + i + 1)
            seq.Dispose();
            seq = grown;
        }

        return seq;
    }

    /// <summary>The next token (B, 1) after seq (B, T).</summary>
    private Tensor NextToken(Tensor seq, double temperature, int? topK, bool greedy)
    {
        long t = seq.size(1);
        long block = Config.BlockSize;
        Tensor cond = t <= block ? seq : seq.narrow(1, t - block, block); // (B, <= block)
        Tensor hidden = transformer.call(cond); // (B, T', D)
        Tensor logits = Head(hidden.select(1, -1)); // (B, V)
        if (greedy)
        {
            return logits.argmax(-1, keepdim: true);
        }

        logits = logits / temperature;
        if (topK is int k)
        {
            var (values, _) = logits.topk(Math.Min(k, logits.size(-1)), -1); // (B, k)
            Tensor kth = values.narrow(1, values.size(1) - 1, 1); // (B, 1)
            logits = logits.masked_fill(logits.lt(kth), double.NegativeInfinity);
        }

        return multinomial(logits.softmax(-1), 1); // (B, 1)
    }
}
