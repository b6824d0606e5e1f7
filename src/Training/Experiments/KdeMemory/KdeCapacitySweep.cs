using Trainer.Models.Hopfield.Retrieval;
using Trainer.Models.Hopfield.Theory;
using Trainer.Models.Probabilistic;
using Trainer.Torch;
using Trainer.Training.Experiments.DenseCapacity;
using Trainer.Training.Logging;
using static Trainer.Torch.torch;

namespace Trainer.Training.Experiments.KdeMemory;

/// <summary>One (d, K, beta) point of the KDE capacity sweep.</summary>
/// <param name="Alpha">Effective load ln(K) / d.</param>
/// <param name="Stored">Fraction of tested patterns whose mean-shift fixed point stays within eps sqrt(d).</param>
/// <param name="OneStep">Fraction whose own kernel weight at the start exceeds 1/2 (the one-step criterion).</param>
/// <param name="FiniteN">Finite-d REM estimate of the one-step criterion.</param>
/// <param name="FiniteNStored">The same estimate asking for a start weight above 0.9 (what the eps = 0.1 test needs).</param>
public sealed record KdePoint(int Dim, double Alpha, long Patterns, double Beta, int Queries, double Stored, double OneStep,
    double FiniteN, double FiniteNStored);

/// <summary>
/// Capacity of the Gaussian KDE memory on the sphere (digest 4.3): K = round(e^(alpha d)) patterns uniform on
/// ||xi||^2 = d, mean-shift x &lt;- sum_k softmax_k(-(beta/2) ||x - xi_k||^2) xi_k started at a pattern; stored iff the fixed
/// point is within eps sqrt(d) of it. On that sphere the kernel weights equal softmax_k(beta x . xi_k) for any x, so the
/// one-step theory is the spherical threshold of the dense memory: N_max ~ exp(d alpha_1^S(beta)).
/// </summary>
public sealed class KdeCapacitySweep(KdeCapacityConfig config, ulong seed, SummaryWriter tb, Action tick)
{
    /// <summary>Largest |weights_KDE - weights_LSE| seen in the identity check (start and after one step).</summary>
    public double IdentityError { get; private set; }

    /// <summary>The K grid of dimension d.</summary>
    public static IReadOnlyList<long> PatternCounts(KdeCapacityConfig c, int d)
    {
        var counts = new SortedSet<long>();
        for (double a = c.AlphaMin; a <= c.AlphaMax + 1e-9; a += c.AlphaStep)
        {
            long k = DenseMemoryTheory.PatternCount(a, d);
            if (k >= 2 && k <= c.MaxPatterns)
            {
                counts.Add(k);
            }
        }

        return counts.ToList();
    }

    public List<KdePoint> Run(CancellationToken cancel)
    {
        var points = new List<KdePoint>();
        foreach (int d in config.Dims)
        {
            foreach (long k in PatternCounts(config, d))
            {
                if (cancel.IsCancellationRequested)
                {
                    return points;
                }

                points.AddRange(At(d, k));
                tick();
            }
        }

        return points;
    }

    private IEnumerable<KdePoint> At(int d, long k)
    {
        double[] betas = config.Betas;
        int reps = (int)Math.Min(256, (config.Queries + k - 1) / k);
        var stored = new long[betas.Length];
        var oneStep = new long[betas.Length];
        int queries = 0;
        for (int rep = 0; rep < reps && queries < config.Queries; rep++)
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            Tensor patterns = DamMeasure.Patterns(PatternEnsemble.Spherical, k, d, seed, rep);
            int q = (int)Math.Min(k, config.Queries - queries);
            Tensor start = patterns.narrow(0, 0, q);
            Tensor self = arange(q).view(-1, 1);
            for (int b = 0; b < betas.Length; b++)
            {
                Tensor w0 = GaussianKdeMemory.Weights(patterns, start, betas[b]);
                oneStep[b] += (w0.gather(1, self) > 0.5).sum().item<long>();
                using RetrievalResult r = GaussianKdeMemory.Retrieve(patterns, start, betas[b], config.MaxSteps, 1e-5);
                stored[b] += ((r.State - start).norm(2, 1) < config.Eps * Math.Sqrt(d)).sum().item<long>();
                if (rep == 0)
                {
                    CheckIdentity(patterns, start, betas[b]);
                }
            }

            queries += q;
        }

        double alpha = DenseMemoryTheory.Load(k, d);
        for (int b = 0; b < betas.Length; b++)
        {
            double beta = betas[b];
            var p = new KdePoint(d, alpha, k, beta, queries, (double)stored[b] / queries, (double)oneStep[b] / queries,
                FiniteSizeRem.SuccessProbability(PatternEnsemble.Spherical, d, beta, alpha),
                FiniteSizeRem.SuccessProbability(PatternEnsemble.Spherical, d, beta, alpha, weight: DamCapacityReport.IteratedWeight));
            tb.add_scalar($"kde_capacity/d{d}/beta_{beta:G4}/stored", p.Stored, (long)Math.Round(alpha * 1000));
            tb.add_scalar($"kde_capacity/d{d}/beta_{beta:G4}/one_step", p.OneStep, (long)Math.Round(alpha * 1000));
            yield return p;
        }
    }

    // KDE weights softmax(-(beta/2)||x - xi||^2) against the LSE weights softmax(beta x . xi), at the start and one step on
    // (where x has left the sphere): equal because ||xi_k||^2 = d is the same for every k.
    private void CheckIdentity(Tensor patterns, Tensor start, double beta)
    {
        using var scope = NewDisposeScope();
        Tensor x1 = GaussianKdeMemory.Step(patterns, start, beta);
        foreach (Tensor x in new[] { start, x1 })
        {
            Tensor diff = (GaussianKdeMemory.Weights(patterns, x, beta) - HopfieldRetrieval.Weights(patterns, x, beta)).abs().max();
            IdentityError = Math.Max(IdentityError, diff.item<double>());
        }
    }
}
