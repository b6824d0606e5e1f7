using Trainer.Torch.Nn;
using static Trainer.Torch.torch;
using F = Trainer.Torch.torch.nn.functional;

namespace Trainer.Torch.Tests.NnTests;

/// <summary>A small nested model for the registry tests: embedding, a ModuleList of blocks, a ModuleDict of heads.</summary>
internal sealed class TinyTransformer : Module<Tensor, Tensor>
{
    private readonly Embedding _wte;
    private readonly ModuleList<Block> _blocks;
    private readonly LayerNorm _ln_f;
    private readonly ModuleDict<Linear> _heads;

    public TinyTransformer(long vocab = 11, long d = 4, int layers = 2)
    {
        _wte = nn.Embedding(vocab, d);
        _blocks = nn.ModuleList(Enumerable.Range(0, layers).Select(_ => new Block(d)).ToArray());
        _ln_f = nn.LayerNorm(d);
        _heads = nn.ModuleDict(("lm", nn.Linear(d, vocab, bias: false)), ("score", nn.Linear(d, 1)));
    }

    public ModuleList<Block> blocks => _blocks;

    // idx: (B, T) -> logits (B, T, vocab)
    public override Tensor forward(Tensor input)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = _wte.call(input); // (B, T, d)
        foreach (Block b in _blocks)
        {
            x = b.call(x);
        }

        return scope.MoveToOuter(_heads["lm"].call(_ln_f.call(x)));
    }
}

internal sealed class Block : Module<Tensor, Tensor>
{
    private readonly LayerNorm _ln;
    private readonly CausalSelfAttention _attn;
    private readonly Sequential _mlp;
    private readonly Dropout _drop;

    public Block(long d)
    {
        _ln = nn.LayerNorm(d);
        _attn = new CausalSelfAttention(d);
        _mlp = nn.Sequential(nn.Linear(d, 4 * d), nn.GELU(), nn.Linear(4 * d, d));
        _drop = nn.Dropout(0.5);
    }

    public Dropout drop => _drop;

    public override Tensor forward(Tensor input)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = input + _drop.call(_attn.call(_ln.call(input)));
        return scope.MoveToOuter(x + _mlp.call(x));
    }
}

internal sealed class CausalSelfAttention : Module<Tensor, Tensor>
{
    private readonly Linear _qkv;
    private readonly Linear _proj;

    public CausalSelfAttention(long d)
    {
        _qkv = nn.Linear(d, 3 * d);
        _proj = nn.Linear(d, d, bias: false);
        register_buffer("rotation", eye(d));
        register_buffer("scratch", zeros(d), persistent: false);
    }

    // x: (B, T, d) -> (B, T, d)
    public override Tensor forward(Tensor input)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor[] qkv = _qkv.call(input).chunk(3, -1); // 3 x (B, T, d)
        Tensor y = F.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], is_causal: true);
        return scope.MoveToOuter(_proj.call(y));
    }
}
