using Trainer.Data.Randomness;
using Trainer.Models.Core;
using Trainer.Models.Probabilistic;
using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Models.Clustering;

/// <summary>
/// Clustering with an associative memory (CLAM; Saha et al., "End-to-end differentiable clustering with associative
/// memories", ICML 2023; the base model of "Bridging Associative Memory and Probabilistic Modeling", Schaeffer et al.
/// 2024, paper digest 4.1). K learnable memories xi_k (rows of Xi, (K, d)) are cluster centres; a point x runs T steps
/// of the retrieval dynamics
/// <code>
///   Euclidean  x &lt;- sum_k softmax_k(-(beta/2) ||x - xi_k||^2) xi_k              (mean-shift on the KDE of the memories)
///   Sphere     x &lt;- normalise(sum_k softmax_k(beta x . xi^_k) xi^_k),  xi^_k = xi_k / ||xi_k||
/// </code>
/// and the loss is the reconstruction error L = mean_n ||x_n - x_n^(T)||^2, minimised over Xi by Adam through the
/// unrolled steps. A point's hard assignment is the memory its dynamics converge to: the dynamics run until the state
/// stops moving (<see cref="ClamConfig.SettleSteps"/>, <see cref="ClamConfig.SettleTolerance"/>) and the label is the
/// memory nearest that fixed point. Memories start at greedy k-means++ seeds (<see cref="KMeansPlusPlus"/>).
/// </summary>
public sealed class ClusteringAssociativeMemory : Module, ITrainable
{
    private readonly Parameter _memories;

    public ClusteringAssociativeMemory(ClamConfig config)
    {
        config.Validate();
        Config = config;
        _memories = new Parameter(zeros(config.Memories, config.Dim));
    }

    public ClamConfig Config { get; }

    /// <summary>The memories Xi, (K, d) (the live parameter).</summary>
    public Parameter Memories => _memories;

    /// <summary>This module (for the trainer).</summary>
    public Module Module => this;

    /// <summary>Overwrites the memories with <paramref name="memories"/> (K, d).</summary>
    public void SetMemories(Tensor memories)
    {
        using var _ = no_grad();
        using Tensor m = memories.to(ScalarType.Float32);
        _memories.copy_(m);
    }

    /// <summary>The memories as the dynamics see them: Xi (Euclidean) or the unit rows Xi^ (Sphere), (K, d).</summary>
    public Tensor EffectiveMemories() =>
        Config.Geometry == MemoryGeometry.Sphere ? nn.functional.normalize(_memories, 2, 1) : _memories.alias();

    /// <summary>One retrieval step of the states (B, d) -> (B, d); differentiable in the memories.</summary>
    public Tensor Step(Tensor states)
    {
        using Tensor xi = EffectiveMemories();
        return Config.Geometry == MemoryGeometry.Sphere
            ? AttentionClustering.Step(states, Config.Beta, xi)
            : GaussianKdeMemory.Step(xi, states, Config.Beta);
    }

    /// <summary>The states where training looks at points: unit rows on the sphere, the points themselves otherwise.</summary>
    public Tensor Prepare(Tensor points) =>
        Config.Geometry == MemoryGeometry.Sphere ? nn.functional.normalize(points.to(ScalarType.Float32), 2, 1) : points.to(ScalarType.Float32);

    /// <summary>x^(T) after <paramref name="steps"/> (default T) steps from the prepared points, (B, d).</summary>
    public Tensor Dynamics(Tensor points, int? steps = null)
    {
        using var scope = NewDisposeScope();
        Tensor x = Prepare(points);
        for (int t = 0; t < (steps ?? Config.Steps); t++)
        {
            x = Step(x);
        }

        return scope.MoveToOuter(x);
    }

    /// <summary>Reconstruction loss L = mean_n ||x_n - x_n^(T)||^2 (scalar, with the graph to the memories).</summary>
    public Tensor Loss(Tensor points)
    {
        using var scope = NewDisposeScope();
        Tensor x = Prepare(points);
        Tensor xt = Dynamics(x);
        return scope.MoveToOuter((x - xt).square().sum(1).mean());
    }

    /// <summary>Runs the dynamics until no state moves more than the tolerance; the fixed points, (B, d).</summary>
    public Tensor Settle(Tensor points)
    {
        using var _ = no_grad();
        Tensor x = Prepare(points);
        for (int t = 0; t < Config.SettleSteps; t++)
        {
            using var scope = NewDisposeScope();
            Tensor next = Step(x);
            bool done = (next - x).norm(2, 1).max().item<float>() < Config.SettleTolerance;
            x.Dispose();
            x = scope.MoveToOuter(next);
            if (done)
            {
                break;
            }
        }

        return x;
    }

    /// <summary>Hard assignment: index of the memory nearest the fixed point of each point, (N).</summary>
    public int[] Assign(Tensor points)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        Tensor fixedPoints = Settle(points);
        Tensor xi = EffectiveMemories();
        Tensor d2 = GaussianKdeMemory.Scores(xi, fixedPoints, 1.0);     // -(1/2)||x* - xi_k||^2, (N, K)
        return d2.argmax(1).to(ScalarType.Int32).data<int>();
    }

    /// <summary>
    /// Mean log-density of the points under the equal-weight mixture of N(xi_k, beta^-1 I) (the memories' KDE,
    /// digest 4.1: beta E(x) = -log KDE(x) + const); the ELBO of this model read as a Gaussian mixture.
    /// </summary>
    public double Elbo(Tensor points)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        Tensor x = Prepare(points).to(ScalarType.Float64);
        Tensor xi = EffectiveMemories().to(ScalarType.Float64);
        return GaussianKdeMemory.LogDensity(xi, x, Config.Beta).mean().item<double>();
    }

    /// <summary>
    /// Initialises the memories by k-means++ and trains them by Adam, <see cref="ClamConfig.Restarts"/> times; keeps
    /// the memories with the lowest final loss. Returns that run's mean loss per epoch and its final full-data loss.
    /// </summary>
    public ClamFit Fit(Tensor points)
    {
        CheckPoints(points);
        using Tensor x = Prepare(points).contiguous();
        float[] host = x.data<float>();
        ClamFit? best = null;
        Tensor? bestMemories = null;
        for (int r = 0; r < Config.Restarts; r++)
        {
            var rng = Rng.ForStream(Config.Seed, (ulong)r);
            using (Tensor seeds = tensor(KMeansPlusPlus.SeedPoints(host, Config.Dim, Config.Memories, rng), [Config.Memories, Config.Dim]))
            {
                SetMemories(seeds);
            }

            List<double> curve = Train(x, rng);
            double final;
            using (no_grad())
            {
                using Tensor l = Loss(x);
                final = l.item<float>();
            }

            if (best is null || final < best.FinalLoss)
            {
                best = new ClamFit(curve, final, r);
                bestMemories?.Dispose();
                bestMemories = _memories.detach().clone();
            }
        }

        SetMemories(bestMemories!);
        bestMemories!.Dispose();
        return best!;
    }

    /// <summary>Adam on the reconstruction loss for <see cref="ClamConfig.Epochs"/> passes; mean loss per epoch.</summary>
    public List<double> Train(Tensor points, Rng rng)
    {
        using var opt = optim.Adam(parameters(), lr: Config.LearningRate);
        int n = (int)points.size(0);
        int batch = Config.BatchSize <= 0 || Config.BatchSize >= n ? n : Config.BatchSize;
        var curve = new List<double>(Config.Epochs);
        for (int e = 0; e < Config.Epochs; e++)
        {
            int[] order = batch == n ? [] : Sampling.Permutation(rng, n);
            double total = 0;
            int steps = 0;
            for (int start = 0; start < n; start += batch)
            {
                using var scope = NewDisposeScope();
                Tensor xb = batch == n ? points : points.index_select(0, tensor(order[start..Math.Min(n, start + batch)].Select(i => (long)i).ToArray()));
                Tensor loss = Loss(xb);
                opt.zero_grad();
                loss.backward();
                opt.step();
                total += loss.item<float>();
                steps++;
            }

            curve.Add(total / steps);
        }

        return curve;
    }

    /// <summary>The loss on the batch's input (B, d).</summary>
    public Tensor Loss(Batch batch) => Loss(batch.Input);

    /// <summary>{"loss": reconstruction loss} on the batch's input.</summary>
    public IReadOnlyDictionary<string, double> Evaluate(Batch batch)
    {
        using var _ = no_grad();
        using Tensor l = Loss(batch.Input);
        return new Dictionary<string, double> { ["loss"] = l.item<float>() };
    }

    protected override string ExtraRepr() =>
        FormattableString.Invariant($"memories={Config.Memories}, dim={Config.Dim}, beta={Config.Beta}, steps={Config.Steps}, geometry={Config.Geometry}");

    private void CheckPoints(Tensor points)
    {
        if (points.ndim != 2 || points.size(1) != Config.Dim || points.size(0) < Config.Memories)
        {
            throw new ArgumentException($"points must be (N >= {Config.Memories}, {Config.Dim}), got [{string.Join(", ", points.shape)}]");
        }
    }
}

/// <summary>Result of <see cref="ClusteringAssociativeMemory.Fit"/>.</summary>
/// <param name="Curve">Mean training loss per epoch of the kept restart.</param>
/// <param name="FinalLoss">Full-data reconstruction loss after training.</param>
/// <param name="Restart">Which restart was kept.</param>
public sealed record ClamFit(IReadOnlyList<double> Curve, double FinalLoss, int Restart);
