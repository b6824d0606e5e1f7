using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Models.Gpt;

/// <summary>
/// A pre-LayerNorm transformer block: x &lt;- x + Attn(LN_1(x)); x &lt;- x + MLP(LN_2(x)).
/// </summary>
public sealed class Block : Module<Tensor, Tensor>
{
    public Block(GptConfig config)
    {
        ln_1 = new LayerNorm(config.NEmbd, bias: config.Bias);
        attn = new CausalSelfAttention(config);
        ln_2 = new LayerNorm(config.NEmbd, bias: config.Bias);
        mlp = new Mlp(config);
    }

    public LayerNorm ln_1 { get; }

    public CausalSelfAttention attn { get; }

    public LayerNorm ln_2 { get; }

    public Mlp mlp { get; }

    // x: (B, T, D) -> (B, T, D), causal.
    public override Tensor forward(Tensor input) => forward(input, null);

    /// <summary>x (B, T, D) -> (B, T, D) with an explicit attention mask (true = may attend; null = causal).</summary>
    public Tensor forward(Tensor x, Tensor? allowed)
    {
        using DisposeScope scope = NewDisposeScope();
        x = x + attn.forward(ln_1.call(x), allowed);
        x = x + mlp.call(ln_2.call(x));
        return scope.MoveToOuter(x);
    }
}
