using Trainer.Models.Core;
using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Models.Gpt;

/// <summary>
/// A GPT-style decoder (nanoGPT's layout; the model of "Deep sequence models tend to memorize geometrically",
/// Noroozizadeh et al. 2025, digest section 3.2): token and learned position embeddings, L pre-LayerNorm blocks of causal
/// multi-head attention (softmax or a Hopfield association) and a GELU MLP, a final LayerNorm and a linear head,
/// by default tied to the token embedding E:
/// <code>
///   h_0 = E[x_t] + P[t],   h_l = Block_l(h_{l-1}),   logits_t = LN_f(h_L)_t E^T        (V logits per position)
/// </code>
/// Loss: mean cross-entropy of logits against next-token targets, skipping targets equal to -1.
/// Parameters are named as nanoGPT's (<c>transformer.wte.weight</c>, <c>transformer.h.0.attn.c_attn.weight</c>, ...;
/// <c>lm_head.weight</c> only when untied).
/// </summary>
public sealed partial class GptModel : Module<Tensor, Tensor>, ITrainable, INodeEmbeddings
{
    /// <summary>Targets equal to this are ignored by the loss and the metrics.</summary>
    public const long IgnoreIndex = -1;

    /// <summary>Builds and initialises the model (see <see cref="GptInit"/>) from the global generator.</summary>
    /// <param name="config">Hyper-parameters (validated).</param>
    /// <param name="nodeCount">Node tokens 0..n-1 whose embedding rows <see cref="NodeEmbeddings"/> returns; null = the whole vocabulary.</param>
    public GptModel(GptConfig config, long? nodeCount = null)
    {
        config.Validate();
        if (nodeCount is < 0 || nodeCount > config.VocabSize)
        {
            throw new ArgumentOutOfRangeException(nameof(nodeCount), nodeCount, $"node count must lie in [0, vocab_size = {config.VocabSize}]");
        }

        Config = config;
        NodeCount = nodeCount ?? config.VocabSize;
        transformer = new GptTransformer(config);
        // nanoGPT builds lm_head even when tied (its draws then decide the tied weight): build it in the same order.
        var head = new Linear(config.NEmbd, config.VocabSize, bias: false);
        if (config.TieWeights)
        {
            head.Dispose();
        }
        else
        {
            lm_head = head;
        }

        GptInit.Apply(this);
    }

    public GptConfig Config { get; }

    /// <summary>Rows 0..NodeCount-1 of the token embedding are graph nodes.</summary>
    public long NodeCount { get; }

    public GptTransformer transformer { get; }

    /// <summary>The untied output head, weight (V, D); null when tied to <c>transformer.wte</c>.</summary>
    public Linear? lm_head { get; }

    /// <summary>The head's weight: lm_head's, or the token embedding when tied. (V, D).</summary>
    public Parameter HeadWeight => lm_head?.weight ?? transformer.wte.weight;

    Module ITrainable.Module => this;

    public override string GetName() => "GPT";

    // idx: (B, T) int64 -> logits (B, T, V)
    public override Tensor forward(Tensor input)
    {
        using DisposeScope scope = NewDisposeScope();
        return scope.MoveToOuter(Head(transformer.call(AsLong(input))));
    }

    /// <summary>Final hidden states (..., D) -> logits (..., V) = h W_head^T.</summary>
    public Tensor Head(Tensor hidden) => nn.functional.linear(hidden, HeadWeight);

    /// <summary>Mean cross-entropy over the non-ignored targets of Input (B, T) / Target (B, T).</summary>
    public Tensor Loss(Batch batch)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor logits = forward(batch.Input); // (B, T, V)
        return scope.MoveToOuter(CrossEntropy(logits, TargetOf(batch)));
    }

    /// <summary>
    /// "loss", "acc" (argmax accuracy over the non-ignored target positions) and "seq_acc" (rows whose every
    /// non-ignored position is right, teacher-forced), computed without gradients.
    /// </summary>
    public IReadOnlyDictionary<string, double> Evaluate(Batch batch)
    {
        using DisposeScope scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor logits = forward(batch.Input); // (B, T, V)
        Tensor target = AsLong(TargetOf(batch)); // (B, T)
        double loss = CrossEntropy(logits, target).item<float>();
        var (acc, seqAcc) = Accuracy(logits, target);
        return new Dictionary<string, double> { ["loss"] = loss, ["acc"] = acc, ["seq_acc"] = seqAcc };
    }

    /// <summary>Token-embedding rows of the nodes, (NodeCount, D), a detached copy.</summary>
    public Tensor NodeEmbeddings()
    {
        using DisposeScope scope = NewDisposeScope();
        using var noGrad = no_grad();
        return scope.MoveToOuter(transformer.wte.weight.narrow(0, 0, NodeCount).detach().clone());
    }

    /// <summary>Mean cross-entropy of logits (..., V) against targets (...), ignoring -1.</summary>
    internal static Tensor CrossEntropy(Tensor logits, Tensor target)
    {
        using DisposeScope scope = NewDisposeScope();
        long v = logits.size(-1);
        Tensor loss = nn.functional.cross_entropy(logits.reshape(-1, v), AsLong(target).reshape(-1), ignore_index: IgnoreIndex);
        return scope.MoveToOuter(loss);
    }

    /// <summary>(token accuracy, sequence accuracy) of argmax(logits) (B, T, V) against targets (B, T), ignoring -1.</summary>
    internal static (double token, double sequence) Accuracy(Tensor logits, Tensor target)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor counted = target.ne(IgnoreIndex); // (B, T)
        Tensor right = logits.argmax(-1).eq(target).logical_and(counted); // (B, T)
        double n = counted.sum().item<long>();
        double token = n > 0 ? right.sum().item<long>() / n : double.NaN;
        Tensor wrongRows = counted.logical_and(right.logical_not()).any(-1); // (B)
        double rows = target.size(0);
        double sequence = rows > 0 ? 1 - wrongRows.sum().item<long>() / rows : double.NaN;
        return (token, sequence);
    }

    internal static Tensor AsLong(Tensor t) => t.dtype == ScalarType.Int64 ? t.alias() : t.@long();

    private static Tensor TargetOf(Batch batch) =>
        batch.Target ?? throw new ArgumentException("GPT batches need a Target (B, T) of next tokens, -1 where ignored");

    protected override string ExtraRepr() =>
        $"n_layer={Config.NLayer}, n_head={Config.NHead}, n_embd={Config.NEmbd}, vocab_size={Config.VocabSize}, " +
        $"block_size={Config.BlockSize}, tie_weights={(Config.TieWeights ? "True" : "False")}";
}
