using Trainer.Data.Randomness;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Clustering;

/// <summary>
/// CLAM+CRP+ELBO ("Bridging Associative Memory and Probabilistic Modeling", Schaeffer et al. 2024, contribution 2; no
/// official code: our design, documented in docs/experiments/am-clustering.md). An associative memory whose memories
/// are created and retired as the data require, under a Chinese restaurant process prior with concentration alpha:
/// <list type="number">
/// <item>Seating (<see cref="CrpSeating"/>): points are visited in a random order; the first pass seats them one by one
/// (the CRP's sequential construction), later passes unseat and reseat each point. A point opens a new memory when
/// alpha N(x; mu0, (sigma^2 + tau^2) I) beats n_k N(x; m_k, (sigma^2 + 1/lambda_k) I) for every memory k (MAP-DP), or
/// with those probabilities (Gibbs, then MAP passes); a memory left without points is retired. When a MAP pass moves
/// nothing, whole tables are split (2-means) or merged if that raises the collapsed log posterior
/// (<see cref="CrpSeating.TrySplits"/>, <see cref="CrpSeating.TryMerges"/>: point moves alone cannot separate two
/// clusters seated together), and the MAP passes resume until nothing changes. mu0 is the data mean and, unless set,
/// tau^2 = max(v - 1/beta, v/100) with v the data's mean per-coordinate variance (empirical Bayes by moments: the
/// data's variance is the memories' spread plus the within-memory variance).</item>
/// <item>ELBO refinement: the memories (posterior means m_k), weights n_k / N and beta start the EM of
/// <see cref="IsotropicMixture"/>; a memory whose expected count N_k = sum_n r_nk falls below
/// <see cref="CrpConfig.MinCount"/> is retired and the weights renormalised.</item>
/// </list>
/// The result is an <see cref="ElboClusteringMemory"/> with the learned number of memories and proportional
/// assignments.
/// </summary>
public sealed class CrpClusteringMemory : IDisposable
{
    private readonly List<int> _tablesPerSweep = new();

    public CrpClusteringMemory(CrpConfig config)
    {
        config.Validate();
        Config = config;
    }

    public CrpConfig Config { get; }

    /// <summary>The refined mixture (null before <see cref="Fit"/>).</summary>
    public ElboClusteringMemory? Mixture { get; private set; }

    /// <summary>Number of memories learned.</summary>
    public int MemoryCount => Mixture?.Config.Memories ?? 0;

    /// <summary>Seats the points, then refines; returns the history (see <see cref="CrpFit"/>).</summary>
    public CrpFit Fit(Tensor points)
    {
        if (points.ndim != 2 || points.size(1) != Config.Dim || points.size(0) < 1)
        {
            throw new ArgumentException($"points must be (N >= 1, {Config.Dim}), got [{string.Join(", ", points.shape)}]");
        }

        using Tensor x = points.to(ScalarType.Float64).contiguous();
        double[] host = x.data<double>();
        CrpSeating seating = Seat(host);
        var perSweep = _tablesPerSweep.ToList();
        int[] sweepLabels = seating.Labels.ToArray();
        using MixtureParameters init = FromSeating(seating);
        (MixtureParameters refined, List<double> curve, int retired) = Refine(x, init);
        Mixture?.Dispose();
        Mixture = ElboClusteringMemory.FromMixture(new ElboConfig { LearnBeta = Config.LearnBeta, MinVariance = Config.MinVariance }, refined);
        refined.Dispose();
        return new CrpFit(sweepLabels, perSweep, seating.Tables, Mixture.Config.Memories, retired, curve, Mixture.Elbo(x));
    }

    /// <summary>Hard labels argmax_k r_nk of the refined mixture.</summary>
    public int[] Assign(Tensor points) => Fitted.Assign(points);

    /// <summary>Proportional assignment r_nk, (N, K).</summary>
    public Tensor Responsibilities(Tensor points) => Fitted.Responsibilities(points);

    /// <summary>Mean log-likelihood of the refined mixture (the ELBO at q = r), nats per point.</summary>
    public double Elbo(Tensor points) => Fitted.Elbo(points);

    public void Dispose() => Mixture?.Dispose();

    public override string ToString() =>
        FormattableString.Invariant($"CrpClusteringMemory(alpha={Config.Alpha}, beta={Config.Beta}, sampling={Config.Sampling}, memories={MemoryCount})");

    private ElboClusteringMemory Fitted => Mixture ?? throw new InvalidOperationException("call Fit first");

    /// <summary>The sweeps of stage 1; records the number of memories after each.</summary>
    private CrpSeating Seat(double[] host)
    {
        int d = Config.Dim, n = host.Length / d;
        var mu0 = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                mu0[j] += host[(i * d) + j] / n;
            }
        }

        // Method of moments: per-coordinate data variance = between-memory (tau^2) + within-memory (1/beta), floored.
        double variance = MeanVariance(host, mu0, n, d);
        double tau2 = Config.PriorVariance > 0 ? Config.PriorVariance : Math.Max(variance - (1 / Config.Beta), 0.01 * variance);
        var seating = new CrpSeating(host, d, Config.Alpha, 1 / Config.Beta, mu0, Math.Max(tau2, 1e-12));
        var rng = Rng.ForPurpose(Config.Seed, "crp");
        _tablesPerSweep.Clear();
        if (Config.Sampling == CrpSampling.Gibbs)
        {
            for (int s = 0; s < Config.Sweeps; s++)
            {
                seating.Sweep(Sampling.Permutation(rng, n), rng);
                _tablesPerSweep.Add(seating.Tables);
            }
        }

        for (int round = 0; round < Config.Sweeps; round++)
        {
            for (int s = 0; s < Config.Sweeps; s++)
            {
                bool changed = seating.Sweep(Sampling.Permutation(rng, n), null);
                _tablesPerSweep.Add(seating.Tables);
                if (!changed)
                {
                    break;
                }
            }

            if (!Config.SplitMerge || !(seating.TrySplits() | seating.TryMerges()))
            {
                break;
            }

            _tablesPerSweep.Add(seating.Tables);
        }

        return seating;
    }

    private static double MeanVariance(double[] host, double[] mu0, int n, int d)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                double diff = host[(i * d) + j] - mu0[j];
                s += diff * diff;
            }
        }

        return s / (n * (double)d);
    }

    private MixtureParameters FromSeating(CrpSeating seating)
    {
        int k = seating.Tables, d = Config.Dim;
        var means = new double[k * d];
        var logWeights = new double[k];
        for (int t = 0; t < k; t++)
        {
            seating.PosteriorMean(t).CopyTo(means, t * d);
            logWeights[t] = Math.Log(seating.Counts[t] / (double)seating.N);
        }

        return new MixtureParameters(tensor(means, [k, d]), tensor(logWeights, [k]), Config.Beta);
    }

    /// <summary>EM with retirement; returns the final parameters, the mean log-likelihood per iteration and how many were retired.</summary>
    private (MixtureParameters, List<double>, int) Refine(Tensor x, MixtureParameters init)
    {
        using var _ = no_grad();
        var curve = new List<double>();
        int retired = 0;
        MixtureParameters p = Copy(init);
        for (int it = 0; it < Config.RefineIterations; it++)
        {
            using var scope = NewDisposeScope();
            Tensor r = IsotropicMixture.LogJoint(x, p).softmax(1);
            Tensor nk = r.sum(0);
            Tensor keep = (nk >= Config.MinCount).nonzero().flatten();
            if (keep.size(0) < p.Components && keep.size(0) > 0)
            {
                retired += (int)(p.Components - keep.size(0));
                MixtureParameters kept = Keep(p, keep);
                p.Dispose();
                p = kept;
                scope.MoveToOuter(p.Means, p.LogWeights);
                continue;
            }

            Tensor l = IsotropicMixture.LogJoint(x, p);
            double ll = IsotropicMixture.MeanLogLikelihood(l).item<double>();
            bool converged = curve.Count > 0 && ll - curve[^1] < Config.Tolerance;
            curve.Add(ll);
            if (converged)
            {
                break;
            }

            MixtureParameters next = IsotropicMixture.MStep(x, l.softmax(1), p, learnWeights: true, Config.LearnBeta, Config.MinVariance);
            scope.MoveToOuter(next.Means, next.LogWeights);
            p.Dispose();
            p = next;
        }

        return (p, curve, retired);
    }

    private static MixtureParameters Copy(MixtureParameters p) => new(p.Means.clone(), p.LogWeights.clone(), p.Beta);

    private static MixtureParameters Keep(MixtureParameters p, Tensor keep)
    {
        Tensor means = p.Means.index_select(0, keep);
        using Tensor lw = p.LogWeights.index_select(0, keep);
        Tensor logWeights = lw.log_softmax(0);                                 // renormalise the surviving weights
        return new MixtureParameters(means, logWeights, p.Beta);
    }
}

/// <summary>Result of <see cref="CrpClusteringMemory.Fit"/>.</summary>
/// <param name="SweepLabels">Table of each point after the sweeps (before the refinement), (N).</param>
/// <param name="MemoriesPerSweep">Number of memories after each sweep.</param>
/// <param name="MemoriesAfterSweeps">Memories created by the sweeps.</param>
/// <param name="Memories">Memories after the refinement (the learned number).</param>
/// <param name="Retired">Memories retired by the refinement.</param>
/// <param name="Curve">Mean log-likelihood per refinement iteration.</param>
/// <param name="FinalElbo">ELBO of the refined mixture, nats per point.</param>
public sealed record CrpFit(int[] SweepLabels, IReadOnlyList<int> MemoriesPerSweep, int MemoriesAfterSweeps, int Memories,
    int Retired, IReadOnlyList<double> Curve, double FinalElbo);
