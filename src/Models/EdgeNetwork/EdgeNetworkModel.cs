using Trainer.Models.Core;
using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Models.EdgeNetwork;

/// <summary>
/// The edge-memorisation "neural network" of "Deep sequence models tend to memorize geometrically" (Noroozizadeh et
/// al. 2025, digest section 3.3): no attention, no residual, no LayerNorm, no positions; one Linear(D, D) between a
/// token embedding E (V, D) and the tied output head, so for every token u
/// <code>
///   logits(u) = E (W e_u + b)          (V logits over the whole vocabulary)
/// </code>
/// Inputs are token ids of any shape (...), outputs (..., V). The paper feeds the sequence <c>[EDGE] u</c> with target
/// -1 at <c>[EDGE]</c> and v at u; since nothing mixes positions, the logits at u depend on e_u alone and the
/// <c>[EDGE]</c> position's output is ignored, so a batch of node ids (B) with targets (B) trains the same model.
/// With <see cref="EdgeNetworkConfig.FrozenEmbeddings"/>, E stays at its random init (the associative control): only
/// W and b learn, and E W E^T can only store the edges as local associations.
/// </summary>
public sealed class EdgeNetworkModel : Module<Tensor, Tensor>, ITrainable, INodeEmbeddings
{
    /// <summary>Targets equal to this are ignored by the loss and the metrics.</summary>
    public const long IgnoreIndex = -1;

    /// <param name="config">Hyper-parameters (validated).</param>
    /// <param name="nodeCount">Node tokens 0..n-1 whose rows <see cref="NodeEmbeddings"/> returns; null = the whole vocabulary.</param>
    public EdgeNetworkModel(EdgeNetworkConfig config, long? nodeCount = null)
    {
        config.Validate();
        if (nodeCount is < 0 || nodeCount > config.VocabSize)
        {
            throw new ArgumentOutOfRangeException(nameof(nodeCount), nodeCount, $"node count must lie in [0, vocab_size = {config.VocabSize}]");
        }

        Config = config;
        NodeCount = nodeCount ?? config.VocabSize;
        wte = new Embedding(config.VocabSize, config.NEmbd);
        fc = new Linear(config.NEmbd, config.NEmbd, bias: config.Bias);
        using (no_grad())
        {
            nn.init.normal_(wte.weight, 0, config.Init == "normal_1" ? 1.0 : 0.02);
            nn.init.normal_(fc.weight, 0, 0.02);
            if (fc.bias is not null)
            {
                nn.init.zeros_(fc.bias);
            }
        }

        wte.weight.requires_grad = !config.FrozenEmbeddings;
    }

    public EdgeNetworkConfig Config { get; }

    /// <summary>Rows 0..NodeCount-1 of E are graph nodes.</summary>
    public long NodeCount { get; }

    /// <summary>The tied embedding E, (V, D).</summary>
    public Embedding wte { get; }

    /// <summary>The hidden map h = W e + b, W (D, D).</summary>
    public Linear fc { get; }

    Module ITrainable.Module => this;

    // idx: (...) int64 -> logits (..., V)
    public override Tensor forward(Tensor input)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor e = wte.call(AsLong(input)); // (..., D)
        Tensor h = fc.call(e); // (..., D)
        return scope.MoveToOuter(nn.functional.linear(h, wte.weight)); // (..., V)
    }

    /// <summary>Mean cross-entropy of the logits against Target (same shape as Input), ignoring -1.</summary>
    public Tensor Loss(Batch batch)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor logits = forward(batch.Input);
        return scope.MoveToOuter(CrossEntropy(logits, TargetOf(batch)));
    }

    /// <summary>"loss" and "acc" (top-1 accuracy on the non-ignored targets), without gradients.</summary>
    public IReadOnlyDictionary<string, double> Evaluate(Batch batch)
    {
        using DisposeScope scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor logits = forward(batch.Input); // (..., V)
        Tensor target = AsLong(TargetOf(batch)); // (...)
        double loss = CrossEntropy(logits, target).item<float>();
        Tensor counted = target.ne(IgnoreIndex);
        double n = counted.sum().item<long>();
        double right = logits.argmax(-1).eq(target).logical_and(counted).sum().item<long>();
        return new Dictionary<string, double> { ["loss"] = loss, ["acc"] = n > 0 ? right / n : double.NaN };
    }

    /// <summary>Rows of E for the nodes, (NodeCount, D), a detached copy.</summary>
    public Tensor NodeEmbeddings()
    {
        using DisposeScope scope = NewDisposeScope();
        using var noGrad = no_grad();
        return scope.MoveToOuter(wte.weight.narrow(0, 0, NodeCount).detach().clone());
    }

    private static Tensor CrossEntropy(Tensor logits, Tensor target)
    {
        using DisposeScope scope = NewDisposeScope();
        long v = logits.size(-1);
        return scope.MoveToOuter(nn.functional.cross_entropy(logits.reshape(-1, v), AsLong(target).reshape(-1), ignore_index: IgnoreIndex));
    }

    private static Tensor AsLong(Tensor t) => t.dtype == ScalarType.Int64 ? t.alias() : t.@long();

    private static Tensor TargetOf(Batch batch) =>
        batch.Target ?? throw new ArgumentException("edge-network batches need a Target: the neighbour token per input token, -1 where ignored");

    protected override string ExtraRepr() =>
        $"vocab_size={Config.VocabSize}, n_embd={Config.NEmbd}, frozen_embeddings={(Config.FrozenEmbeddings ? "True" : "False")}, init={Config.Init}";
}
