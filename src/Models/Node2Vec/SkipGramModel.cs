using Trainer.Models.Core;
using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Models.Node2Vec;

/// <summary>
/// Node2Vec's skip-gram with negative sampling (Grover and Leskovec 2016, after word2vec, Mikolov et al. 2013). For a
/// (centre u, context v) pair from a walk window and k negatives n_1..n_k drawn from the unigram^0.75 law,
/// <code>
///   loss(u, v) = -log sigma(w_u . c_v) - sum_j log sigma(-w_u . c_{n_j})
/// </code>
/// with w = the input table and c = the output table (word2vec style), or c = w (one shared table). The batch loss is
/// the mean over pairs. Embedding lookups can produce sparse gradients (only the touched rows), for SparseAdam.
/// A batch is Input = centres (B) int64, Target = contexts (B) int64, Extra["negatives"] = (B, k) int64
/// (see <see cref="SkipGramBatches"/>). <see cref="SkipGramSgd"/> trains the same tables with word2vec's own
/// Hogwild SGD, the fast path.
/// </summary>
public sealed class SkipGramModel : Module, ITrainable, INodeEmbeddings
{
    /// <summary>Name of the negatives tensor in a <see cref="Batch"/>.</summary>
    public const string NegativesKey = "negatives";

    public SkipGramModel(SkipGramConfig config)
    {
        config.Validate();
        Config = config;
        input = new Embedding(config.NodeCount, config.Dim, sparse: config.Sparse);
        output = config.SharedTable ? null : new Embedding(config.NodeCount, config.Dim, sparse: config.Sparse);
        ResetParameters();
    }

    public SkipGramConfig Config { get; }

    /// <summary>Input (centre) table w, (n, d); the node embeddings.</summary>
    public Embedding input { get; }

    /// <summary>Output (context) table c, (n, d); null when the table is shared.</summary>
    public Embedding? output { get; }

    /// <summary>The table contexts and negatives are looked up in: <see cref="output"/>, or <see cref="input"/> when shared.</summary>
    public Embedding Contexts => output ?? input;

    Module ITrainable.Module => this;

    /// <summary>Re-draws the tables as <see cref="SkipGramConfig.Init"/> says.</summary>
    public void ResetParameters()
    {
        using (no_grad())
        {
            double d = Config.Dim;
            if (Config.Init == "normal")
            {
                nn.init.normal_(input.weight);
                if (output is not null)
                {
                    nn.init.normal_(output.weight);
                }
            }
            else
            {
                nn.init.uniform_(input.weight, -0.5 / d, 0.5 / d);
                if (output is not null)
                {
                    nn.init.zeros_(output.weight);
                }
            }
        }
    }

    /// <summary>
    /// Scores w_u . c_t for each centre and its targets: centres (B), targets (B, 1 + k) with the context first and
    /// the negatives after; returns (B, 1 + k).
    /// </summary>
    public Tensor Scores(Tensor centres, Tensor targets)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor w = input.call(centres).unsqueeze(2); // (B, d, 1)
        Tensor c = Contexts.call(targets); // (B, 1 + k, d)
        return scope.MoveToOuter(c.bmm(w).squeeze(2)); // (B, 1 + k)
    }

    /// <summary>Mean over pairs of -log sigma(s_pos) - sum_j log sigma(-s_neg_j).</summary>
    public Tensor Loss(Batch batch)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor scores = Scores(batch.Input, Targets(batch)); // (B, 1 + k)
        return scope.MoveToOuter(PairLoss(scores));
    }

    /// <summary>"loss" and "pair_acc" (share of pairs whose context outscores every negative), without gradients.</summary>
    public IReadOnlyDictionary<string, double> Evaluate(Batch batch)
    {
        using DisposeScope scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor scores = Scores(batch.Input, Targets(batch)); // (B, 1 + k)
        double loss = PairLoss(scores).item<float>();
        double acc = double.NaN;
        if (scores.size(1) > 1)
        {
            Tensor best = scores.narrow(1, 1, scores.size(1) - 1).amax(1); // (B)
            acc = scores.select(1, 0).gt(best).@float().mean().item<float>();
        }

        return new Dictionary<string, double> { ["loss"] = loss, ["pair_acc"] = acc };
    }

    /// <summary>The input table w, (n, d), a detached copy (node id = row).</summary>
    public Tensor NodeEmbeddings()
    {
        using var noGrad = no_grad();
        return input.weight.detach().clone();
    }

    /// <summary>The context table c, (n, d), a detached copy (equal to the node embeddings when shared).</summary>
    public Tensor ContextEmbeddings()
    {
        using var noGrad = no_grad();
        return Contexts.weight.detach().clone();
    }

    /// <summary>Writes the tables to a safetensors file (<c>input.weight</c>, <c>output.weight</c>).</summary>
    public void Save(string path) => save(state_dict(), path);

    /// <summary>Loads tables written by <see cref="Save"/> (strict: names and shapes must match).</summary>
    public void Load(string path)
    {
        Dictionary<string, Tensor> state = load(path);
        try
        {
            load_state_dict(state);
        }
        finally
        {
            foreach (Tensor t in state.Values)
            {
                t.Dispose();
            }
        }
    }

    // scores (B, 1 + k): column 0 is the positive, the rest negatives.
    private static Tensor PairLoss(Tensor scores)
    {
        using DisposeScope scope = NewDisposeScope();
        long k = scores.size(1) - 1;
        Tensor pos = scores.narrow(1, 0, 1).logsigmoid().sum(); // sum_b log sigma(s_pos)
        Tensor total = k > 0 ? pos.add(scores.narrow(1, 1, k).neg().logsigmoid().sum()) : pos;
        return scope.MoveToOuter(total.neg().div(scores.size(0)));
    }

    private static Tensor Targets(Batch batch)
    {
        Tensor contexts = batch.Target ?? throw new ArgumentException("skip-gram batches need a Target: the context node of each centre");
        if (!batch.Extra.TryGetValue(NegativesKey, out Tensor? negatives))
        {
            return contexts.unsqueeze(1); // (B, 1)
        }

        return cat(new[] { contexts.unsqueeze(1), negatives }, 1); // (B, 1 + k)
    }

    protected override string ExtraRepr() =>
        $"node_count={Config.NodeCount}, dim={Config.Dim}, negatives={Config.Negatives}, shared_table={(Config.SharedTable ? "True" : "False")}, " +
        $"init={Config.Init}, sparse={(Config.Sparse ? "True" : "False")}";
}
