using Trainer.Models.Core;
using Trainer.Models.Gpt;
using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Models.EnergyTransformer;

/// <summary>
/// A causal transformer that reads in-context points x_1..x_T (d-dimensional) and outputs a scalar energy per
/// position, E_theta(x_t | x_&lt;t) ("Bridging Associative Memory and Probabilistic Modeling", Schaeffer et al. 2024,
/// ICL-EBM; digest section 4.2):
/// <code>
///   h_0 = x W_in^T + b_in + P[t],   h_l = Block_l(h_{l-1}) (causal, pre-LN, as GPT),   E_t = LN_f(h_L)_t w_out + b_out
/// </code>
/// Training contrasts real points with Langevin negatives (see the Sampling part) under the contrastive-divergence loss
/// <code>
///   L = mean E(real) - mean E(sampled) + c (mean E(real)^2 + mean E(sampled)^2)
/// </code>
/// where each sampled point's energy is conditioned on the real prefix that precedes its position. All M x T
/// negatives are scored in one pass: they are appended to the real sequence with their own positions and a mask that
/// lets negative (m, t) see the real points before t and itself only.
/// Batches: Input = real points (B, T, d) float; optional Extra["initial"] = chain starts (B, M, T, d).
/// </summary>
public sealed partial class EnergyTransformerModel : Module<Tensor, Tensor>, ITrainable
{
    /// <summary>Name of the optional batch tensor with the Langevin chain starts (B, M, T, d).</summary>
    public const string InitialKey = "initial";

    public EnergyTransformerModel(EnergyTransformerConfig config)
    {
        config.Validate();
        Config = config;
        GptConfig g = config.ToGptConfig();
        in_layer = new Linear(config.DataDim, config.NEmbd);
        wpe = new Embedding(config.BlockSize, config.NEmbd);
        drop = new Dropout(config.Dropout);
        h = new ModuleList<Block>(Enumerable.Range(0, config.NLayer).Select(_ => new Block(g)));
        ln_f = new LayerNorm(config.NEmbd, bias: config.Bias);
        out_layer = new Linear(config.NEmbd, 1);
        InitTrunk();
    }

    public EnergyTransformerConfig Config { get; }

    /// <summary>Point embedding W_in (D, d), PyTorch's default init.</summary>
    public Linear in_layer { get; }

    /// <summary>Position embedding P (block_size, D).</summary>
    public Embedding wpe { get; }

    public Dropout drop { get; }

    public ModuleList<Block> h { get; }

    public LayerNorm ln_f { get; }

    /// <summary>Energy head w_out (1, D), PyTorch's default init.</summary>
    public Linear out_layer { get; }

    Module ITrainable.Module => this;

    // x: (B, T, d) -> energies (B, T), E[b, t] = E(x_t | x_<t)
    public override Tensor forward(Tensor input)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = input.to(ScalarType.Float32);
        Tensor pos = arange(x.size(1), ScalarType.Int64, x.device); // (T)
        return scope.MoveToOuter(Energies(x, pos, null));
    }

    /// <summary>
    /// Energies of the real points (B, T) and of candidate points (B, M, T): E(cand[b, m, t] | real[b, &lt;t]).
    /// real (B, T, d), candidates (B, M, T, d). Differentiable in the parameters and in both inputs.
    /// </summary>
    public (Tensor real, Tensor candidates) JointEnergies(Tensor real, Tensor candidates)
    {
        long b = real.size(0), t = real.size(1), d = real.size(2), m = candidates.size(1);
        using DisposeScope scope = NewDisposeScope();
        Tensor tokens = cat(new[] { real, candidates.reshape(b, m * t, d) }, 1); // (B, (M+1) T, d)
        Tensor pos = arange(t, ScalarType.Int64, real.device).repeat(m + 1); // ((M+1) T)
        Tensor allowed = EnergyMasks.Joint(t, m, real.device); // ((M+1) T, (M+1) T)
        Tensor e = Energies(tokens, pos, allowed); // (B, (M+1) T)
        Tensor eReal = e.narrow(1, 0, t); // (B, T)
        Tensor eCand = e.narrow(1, t, m * t).reshape(b, m, t); // (B, M, T)
        scope.MoveToOuter(eReal, eCand);
        return (eReal, eCand);
    }

    /// <summary>
    /// Energy of each query point placed right after the whole context: E(q[b, g] | context[b]).
    /// context (B, Tc, d), queries (B, G, d) -> (B, G). Needs Tc + 1 &lt;= block_size.
    /// </summary>
    public Tensor EnergyAfter(Tensor context, Tensor queries)
    {
        long tc = context.size(1), g = queries.size(1);
        using DisposeScope scope = NewDisposeScope();
        Tensor tokens = cat(new[] { context.to(ScalarType.Float32), queries.to(ScalarType.Float32) }, 1); // (B, Tc + G, d)
        Tensor pos = cat(new[] { arange(tc, ScalarType.Int64, context.device), full(new[] { g }, tc, ScalarType.Int64, context.device) });
        Tensor allowed = EnergyMasks.AfterContext(tc, g, context.device); // (Tc + G, Tc + G)
        return scope.MoveToOuter(Energies(tokens, pos, allowed).narrow(1, tc, g)); // (B, G)
    }

    /// <summary>The contrastive-divergence loss on real points Input (B, T, d) and fresh Langevin negatives.</summary>
    public Tensor Loss(Batch batch)
    {
        using DisposeScope scope = NewDisposeScope();
        var (eReal, eSampled) = ContrastiveEnergies(batch);
        return scope.MoveToOuter(ContrastiveDivergence(eReal, eSampled, Config.EnergyRegularization));
    }

    /// <summary>"loss", "energy_real", "energy_sampled" (means) and "energy_gap" = energy_sampled - energy_real.</summary>
    public IReadOnlyDictionary<string, double> Evaluate(Batch batch)
    {
        using DisposeScope scope = NewDisposeScope();
        var (eReal, eSampled) = ContrastiveEnergies(batch);
        using var noGrad = no_grad();
        double loss = ContrastiveDivergence(eReal, eSampled, Config.EnergyRegularization).item<float>();
        double real = eReal.mean().item<float>();
        double sampled = eSampled.mean().item<float>();
        return new Dictionary<string, double>
        {
            ["loss"] = loss,
            ["energy_real"] = real,
            ["energy_sampled"] = sampled,
            ["energy_gap"] = sampled - real,
        };
    }

    /// <summary>mean E(real) - mean E(sampled) + c (mean E(real)^2 + mean E(sampled)^2).</summary>
    public static Tensor ContrastiveDivergence(Tensor eReal, Tensor eSampled, double c)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor loss = eReal.mean() - eSampled.mean();
        if (c != 0)
        {
            loss = loss + c * (eReal.square().mean() + eSampled.square().mean());
        }

        return scope.MoveToOuter(loss);
    }

    /// <summary>Samples negatives for the batch, then scores real and sampled points (with gradients).</summary>
    private (Tensor real, Tensor sampled) ContrastiveEnergies(Batch batch)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor real = batch.Input.to(ScalarType.Float32); // (B, T, d)
        Tensor init = batch.Extra.TryGetValue(InitialKey, out Tensor? given)
            ? given.to(ScalarType.Float32)
            : UniformStarts(real);
        Tensor sampled = SampleLangevin(real, init); // (B, M, T, d), detached
        var (eReal, eSampled) = JointEnergies(real, sampled);
        scope.MoveToOuter(eReal, eSampled);
        return (eReal, eSampled);
    }

    /// <summary>Chain starts U(init_low, init_high), (B, M, T, d), from the global generator.</summary>
    public Tensor UniformStarts(Tensor real)
    {
        using DisposeScope scope = NewDisposeScope();
        long[] shape = { real.size(0), Config.NegativesPerReal, real.size(1), real.size(2) };
        Tensor u = rand(shape, ScalarType.Float32, real.device) * (Config.InitHigh - Config.InitLow) + Config.InitLow;
        return scope.MoveToOuter(u);
    }

    /// <summary>The trunk on tokens (B, L, d) at positions pos (L) with a mask (L, L) or null (causal) -> (B, L).</summary>
    private Tensor Energies(Tensor tokens, Tensor pos, Tensor? allowed)
    {
        long maxPos = pos.numel() == 0 ? 0 : pos.max().item<long>();
        if (maxPos >= Config.BlockSize)
        {
            throw new ArgumentException($"position {maxPos} is beyond block_size {Config.BlockSize}", nameof(pos));
        }

        using DisposeScope scope = NewDisposeScope();
        Tensor x = drop.call(in_layer.call(tokens) + wpe.call(pos)); // (B, L, D)
        foreach (Block block in h)
        {
            x = block.forward(x, allowed);
        }

        return scope.MoveToOuter(out_layer.call(ln_f.call(x)).squeeze(-1)); // (B, L)
    }

    /// <summary>GPT's init on the trunk: blocks and positions N(0, 0.02^2), zero biases, scaled residual projections.</summary>
    private void InitTrunk()
    {
        using var noGrad = no_grad();
        GptInit.InitLeaf(wpe, GptInit.Std);
        foreach (var (_, m) in h.named_modules())
        {
            GptInit.InitLeaf(m, GptInit.Std);
        }

        GptInit.ScaleResidualProjections(h, Config.NLayer);
    }

    protected override string ExtraRepr() =>
        $"data_dim={Config.DataDim}, negatives_per_real={Config.NegativesPerReal}, langevin_steps={Config.LangevinSteps}, " +
        $"noise_scale={Config.NoiseScale:G6}";
}
