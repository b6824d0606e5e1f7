using Trainer.Data.Randomness;
using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Models.Clustering;

/// <summary>
/// CLAM+ELBO ("Bridging Associative Memory and Probabilistic Modeling", Schaeffer et al. 2024, contribution 2; no
/// official code, so this is our design from the paper's description, paper digest 4.1). The memories xi_k are the
/// means of a Gaussian mixture with weights pi_k and shared bandwidth 1/beta; the retrieval weights become the
/// posterior responsibilities
/// <code>
///   r_k(x) = pi_k N(x; xi_k, beta^-1 I) / sum_j pi_j N(x; xi_j, beta^-1 I) = softmax_k(log pi_k - (beta/2)||x - xi_k||^2)
/// </code>
/// (CLAM's softmax with a bias log pi_k), and training maximises the evidence lower bound
/// ELBO(q, theta) = E_q[log p(x, z | theta)] + H(q) instead of CLAM's reconstruction loss: by EM (E-step q = r, closed-form
/// M-step, <see cref="IsotropicMixture"/>), or by Adam on -ELBO at q = r, which is the mean log-likelihood whose
/// gradient is the r-weighted gradient of log p(x, z) (Fisher's identity). Each point is assigned proportionally:
/// a point pulls memory k with weight r_k(x) (the M-step mean is the r-weighted average), not only the memory its
/// dynamics reach. Its retrieval step is x &lt;- sum_k r_k(x) xi_k; its hard label argmax_k r_k(x) is used only for ARI/NMI.
/// Parameters: <c>memories</c> (K, d), <c>logits</c> (K, pi = softmax(logits)) and <c>log_beta</c> (), all float64.
/// </summary>
public sealed class ElboClusteringMemory : Module
{
    private readonly Tensor _memories;
    private readonly Tensor _logits;
    private readonly Tensor _logBeta;

    public ElboClusteringMemory(ElboConfig config)
    {
        config.Validate();
        Config = config;
        _memories = new Parameter(zeros([config.Memories, config.Dim], ScalarType.Float64));
        _logits = new Parameter(zeros([config.Memories], ScalarType.Float64));
        _logBeta = new Parameter(tensor(Math.Log(config.Beta), ScalarType.Float64));
        register_parameter("memories", (Parameter)_memories);
        register_parameter("logits", (Parameter)_logits);
        register_parameter("log_beta", (Parameter)_logBeta);
    }

    public ElboConfig Config { get; }

    /// <summary>Memories xi, (K, d) (the live parameter).</summary>
    public Tensor Memories => _memories;

    /// <summary>Current shared precision beta.</summary>
    public double Beta => Math.Exp(_logBeta.item<double>());

    /// <summary>A module holding the given mixture (K taken from it).</summary>
    public static ElboClusteringMemory FromMixture(ElboConfig config, MixtureParameters p)
    {
        var m = new ElboClusteringMemory(config with { Memories = (int)p.Components, Dim = (int)p.Means.size(1), Beta = p.Beta });
        m.Load(p);
        return m;
    }

    /// <summary>A detached copy of the parameters as (xi, log pi, beta).</summary>
    public MixtureParameters Snapshot()
    {
        using var _ = no_grad();
        return new MixtureParameters(_memories.detach().clone(), _logits.log_softmax(0), Beta);
    }

    /// <summary>Overwrites the parameters (log pi is a valid logit vector).</summary>
    public void Load(MixtureParameters p)
    {
        using var _ = no_grad();
        _memories.copy_(p.Means);
        _logits.copy_(p.LogWeights);
        using Tensor lb = tensor(Math.Log(p.Beta), ScalarType.Float64);
        _logBeta.copy_(lb);
    }

    /// <summary>l_nk = log pi_k + log N(x_n; xi_k, beta^-1 I), (N, K), differentiable in the parameters.</summary>
    public Tensor LogJoint(Tensor points)
    {
        using var scope = NewDisposeScope();
        Tensor x = points.to(ScalarType.Float64);
        Tensor beta = _logBeta.clamp_max(-Math.Log(Config.MinVariance)).exp();
        return scope.MoveToOuter(IsotropicMixture.LogJoint(x, _memories, _logits.log_softmax(0), beta));
    }

    /// <summary>Proportional assignment r_nk, (N, K).</summary>
    public Tensor Responsibilities(Tensor points)
    {
        using var _ = no_grad();
        using Tensor l = LogJoint(points);
        return l.softmax(1);
    }

    /// <summary>Hard labels argmax_k r_nk (for ARI/NMI), (N).</summary>
    public int[] Assign(Tensor points)
    {
        using var _ = no_grad();
        using Tensor l = LogJoint(points);
        return IsotropicMixture.HardLabels(l);
    }

    /// <summary>One retrieval step x &lt;- sum_k r_k(x) xi_k, (N, d) float64.</summary>
    public Tensor Step(Tensor points)
    {
        using var _ = no_grad();
        using Tensor r = Responsibilities(points);
        return r.matmul(_memories);
    }

    /// <summary>ELBO at q = r: the mean log-likelihood (1/N) sum_n log p(x_n), nats per point.</summary>
    public double Elbo(Tensor points)
    {
        using var _ = no_grad();
        using Tensor l = LogJoint(points);
        using Tensor ll = IsotropicMixture.MeanLogLikelihood(l);
        return ll.item<double>();
    }

    /// <summary>ELBO for any q (N, K) with rows summing to 1; at most <see cref="Elbo(Tensor)"/>.</summary>
    public double Elbo(Tensor points, Tensor q)
    {
        using var _ = no_grad();
        using Tensor l = LogJoint(points);
        return IsotropicMixture.Elbo(l, q.to(ScalarType.Float64));
    }

    /// <summary>
    /// k-means++ initialisation (uniform weights, beta from the config), then EM or Adam; repeated
    /// <see cref="ElboConfig.Restarts"/> times, keeping the highest final ELBO.
    /// </summary>
    public ElboFit Fit(Tensor points)
    {
        if (points.ndim != 2 || points.size(1) != Config.Dim || points.size(0) < Config.Memories)
        {
            throw new ArgumentException($"points must be (N >= {Config.Memories}, {Config.Dim}), got [{string.Join(", ", points.shape)}]");
        }

        using Tensor x = points.to(ScalarType.Float64).contiguous();
        float[] host = points.data<float>();
        ElboFit? best = null;
        MixtureParameters? bestParams = null;
        for (int r = 0; r < Config.Restarts; r++)
        {
            float[] seeds = KMeansPlusPlus.SeedPoints(host, Config.Dim, Config.Memories, Rng.ForStream(Config.Seed, (ulong)r));
            using (Tensor seedTensor = tensor(seeds, [Config.Memories, Config.Dim]))
            using (var init = new MixtureParameters(seedTensor.to(ScalarType.Float64),
                       full([Config.Memories], -Math.Log(Config.Memories), ScalarType.Float64), Config.Beta))
            {
                Load(init);
            }

            List<double> curve = Config.Training == ElboTraining.Em ? RunEm(x) : RunGradient(x);
            double final = Elbo(x);
            if (best is null || final > best.FinalElbo)
            {
                best = new ElboFit(curve, final, r);
                bestParams?.Dispose();
                bestParams = Snapshot();
            }
        }

        Load(bestParams!);
        bestParams!.Dispose();
        return best!;
    }

    /// <summary>EM until the gain is below the tolerance; the mean log-likelihood before each M-step and at the end.</summary>
    public List<double> RunEm(Tensor x)
    {
        var curve = new List<double>();
        using var _ = no_grad();
        for (int it = 0; it < Config.Iterations; it++)
        {
            using var scope = NewDisposeScope();
            using MixtureParameters p = Snapshot();
            Tensor l = IsotropicMixture.LogJoint(x, p);
            double ll = IsotropicMixture.MeanLogLikelihood(l).item<double>();
            if (curve.Count > 0 && ll - curve[^1] < Config.Tolerance)
            {
                curve.Add(ll);
                return curve;
            }

            curve.Add(ll);
            using MixtureParameters next = IsotropicMixture.MStep(x, l.softmax(1), p, Config.LearnWeights, Config.LearnBeta, Config.MinVariance);
            Load(next);
        }

        curve.Add(Elbo(x));
        return curve;
    }

    /// <summary>Adam on -mean log-likelihood for <see cref="ElboConfig.Iterations"/> full-batch steps; the value per step.</summary>
    public List<double> RunGradient(Tensor x)
    {
        var trained = new List<Tensor> { _memories };
        if (Config.LearnWeights)
        {
            trained.Add(_logits);
        }

        if (Config.LearnBeta)
        {
            trained.Add(_logBeta);
        }

        using var opt = optim.Adam(trained, lr: Config.LearningRate);
        var curve = new List<double>(Config.Iterations);
        for (int it = 0; it < Config.Iterations; it++)
        {
            using var scope = NewDisposeScope();
            Tensor loss = -IsotropicMixture.MeanLogLikelihood(LogJoint(x));
            opt.zero_grad();
            loss.backward();
            opt.step();
            curve.Add(-loss.item<double>());
        }

        return curve;
    }

    protected override string ExtraRepr() =>
        FormattableString.Invariant($"memories={Config.Memories}, dim={Config.Dim}, beta={Beta:G4}, training={Config.Training}, learn_beta={Config.LearnBeta}");
}

/// <summary>Result of <see cref="ElboClusteringMemory.Fit"/>.</summary>
/// <param name="Curve">Mean log-likelihood (ELBO at q = r) per iteration of the kept restart.</param>
/// <param name="FinalElbo">ELBO after training, nats per point.</param>
/// <param name="Restart">Which restart was kept.</param>
public sealed record ElboFit(IReadOnlyList<double> Curve, double FinalElbo, int Restart);
