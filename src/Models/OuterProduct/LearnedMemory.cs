using Trainer.Models.Core;
using Trainer.Torch;
using Trainer.Torch.Nn;
using Trainer.Torch.Optim;
using static Trainer.Torch.torch;

namespace Trainer.Models.OuterProduct;

/// <summary>
/// Optimisation-based associative memories of "Scaling Laws for Associative Memories" (digest 1.3), trained with
/// cross-entropy on (x, f*(x)) samples. With embeddings E (N, d), memory W (d, d) and unembedding U^T (d, M), all
/// initialised randn / sqrt(d):
/// <code>
///   matrix       logits(x) = LN?(e_x W) U^T          (W learned; E, U fixed buffers)
///   exponential  logits(x) = LN?(relu(e_x)) U^T      (E, U learned)
///   learnable    logits(x) = LN?(e_x W) U^T          (E, W, U learned)
///   LN(h)        = h / sqrt(|h|^2 + 1e-6)
/// </code>
/// Note the row form e_x W: the code's W is the transpose of the paper's W = sum q u e^T. The authors' optimisers:
/// SGD(lr), or Adam with betas (0, 0) at lr / d for W and lr / sqrt(d) for E and U (<see cref="MakeOptimizer"/>).
/// A batch is Input = tokens (B) int64, Target = labels (B) int64.
/// </summary>
public sealed class LearnedMemory : Module, ITrainable
{
    private readonly Tensor? _fixedE;
    private readonly Tensor? _fixedUT;

    public LearnedMemory(LearnedMemoryConfig config)
    {
        config.Validate();
        Config = config;
        double scale = Math.Sqrt(config.Dim);
        using (no_grad())
        {
            // Draw order W, E, U^T as in the authors' modules (W first where it exists).
            using Tensor w = config.Model == "exponential" ? empty(0) : randn(config.Dim, config.Dim).div_(scale);
            using Tensor e = randn(config.Inputs, config.Dim).div_(scale);
            using Tensor ut = randn(config.Dim, config.Classes).div_(scale);
            if (config.Model != "exponential")
            {
                W = new Parameter(w);
            }

            if (config.Model == "matrix")
            {
                _fixedE = e.clone();
                _fixedUT = ut.clone();
                register_buffer("E", _fixedE);
                register_buffer("UT", _fixedUT);
            }
            else
            {
                E = new Parameter(e);
                UT = new Parameter(ut);
            }
        }
    }

    public LearnedMemoryConfig Config { get; }

    /// <summary>Memory W (d, d), null for "exponential".</summary>
    public Parameter? W { get; }

    /// <summary>Learned embeddings (N, d), null for "matrix" (then they are the buffer <see cref="Embeddings"/>).</summary>
    public Parameter? E { get; }

    /// <summary>Learned unembedding U^T (d, M), null for "matrix".</summary>
    public Parameter? UT { get; }

    /// <summary>E, learned or fixed.</summary>
    public Tensor Embeddings => (Tensor?)E ?? _fixedE!;

    /// <summary>U^T, learned or fixed.</summary>
    public Tensor Unembeddings => (Tensor?)UT ?? _fixedUT!;

    Module ITrainable.Module => this;

    /// <summary>Logits (B, M) of tokens x (B) int64.</summary>
    public Tensor Forward(Tensor x)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor h = Embeddings.index_select(0, x.@long().reshape(-1)); // (B, d)
        h = W is null ? h.relu() : h.matmul(W); // (B, d)
        if (Config.LayerNorm)
        {
            h = h.div(h.pow(2L).sum(1).add(1e-6).sqrt().unsqueeze(1));
        }

        return scope.MoveToOuter(h.matmul(Unembeddings)); // (B, M)
    }

    /// <summary>Mean cross-entropy of the logits against Target.</summary>
    public Tensor Loss(Batch batch)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor target = (batch.Target ?? throw new ArgumentException("memory batches need a Target: f*(x) per token")).@long().reshape(-1);
        return scope.MoveToOuter(nn.functional.cross_entropy(Forward(batch.Input), target));
    }

    /// <summary>"loss" and "acc" on a batch, without gradients.</summary>
    public IReadOnlyDictionary<string, double> Evaluate(Batch batch)
    {
        using DisposeScope scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor target = batch.Target!.@long().reshape(-1);
        Tensor logits = Forward(batch.Input);
        double loss = nn.functional.cross_entropy(logits, target).item<float>();
        double acc = logits.argmax(1).eq(target).@float().mean().item<float>();
        return new Dictionary<string, double> { ["loss"] = loss, ["acc"] = acc };
    }

    /// <summary>Exact error over all N inputs: argmax of the logits against f*(x) = x mod M, weighted by p (N).</summary>
    public MemoryError Error(double[] p)
    {
        using DisposeScope scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor x = arange(Config.Inputs, ScalarType.Int64);
        Tensor wrong = Forward(x).argmax(1).ne(x.remainder(Config.Classes)).to(ScalarType.Float64); // (N)
        double error = wrong.mul(tensor(p)).sum().item<double>();
        long edge = Math.Min(30, Config.Inputs);
        return new MemoryError(error, wrong.narrow(0, 0, edge).mean().item<double>(), wrong.narrow(0, Config.Inputs - edge, edge).mean().item<double>());
    }

    /// <summary>
    /// The authors' optimiser: "sgd" = SGD(lr) on every learned tensor; "adam" = Adam(betas (0, 0)) at lr / d
    /// ("matrix"), lr / sqrt(d) ("exponential"), or E, U at lr / sqrt(d) and W at lr / d ("learnable").
    /// </summary>
    public Optimizer MakeOptimizer(string optimizer, double lr, double weightDecay = 0)
    {
        double d = Config.Dim;
        if (optimizer == "sgd")
        {
            return optim.SGD(parameters().Cast<Tensor>().ToList(), lr, weight_decay: weightDecay);
        }

        if (optimizer != "adam")
        {
            throw new ArgumentException($"optimizer must be sgd or adam; got '{optimizer}'");
        }

        var groups = new List<ParamGroup>();
        if (E is not null)
        {
            groups.Add(new ParamGroup(new Tensor[] { E, UT! }, lr: lr / Math.Sqrt(d)));
        }

        if (W is not null)
        {
            groups.Add(new ParamGroup(new Tensor[] { W }, lr: lr / d));
        }

        return optim.Adam(groups, lr, betas: (0, 0), weight_decay: weightDecay);
    }

    protected override string ExtraRepr() =>
        $"inputs={Config.Inputs}, classes={Config.Classes}, dim={Config.Dim}, model={Config.Model}, layer_norm={(Config.LayerNorm ? "True" : "False")}";
}
