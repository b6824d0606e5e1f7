using Trainer.Data.Randomness;
using Trainer.Models.Kernelized;
using Trainer.Torch;
using Trainer.Training.Logging;
using static Trainer.Torch.torch;

namespace Trainer.Training.Experiments.KernelizedCapacity;

/// <summary>One (D_Phi, M, seed) point: fraction of memories retrieved and Delta_min, before and after U-Hop+.</summary>
public sealed record FeatureDimPoint(int FeatureDim, int M, int Seed, double RateBefore, double RateAfter, double DeltaBefore, double DeltaAfter);

/// <summary>
/// Capacity against the feature dimension (Hu, Wu and Liu, NeurIPS 2024: optimal capacity is reached when the memories
/// form an optimal spherical code in feature space, and grows exponentially with D_Phi). M random unit memories in R^d,
/// a linear Phi: R^d -&gt; R^D_Phi, retrieval weights p = softmax(beta Z Z^T) on unit features Z; memory mu is retrieved
/// when p_mu,mu &gt; 1/2 at x = xi_mu (the one-step criterion). A sufficient condition is beta Delta_min &gt; ln(M - 1),
/// since then e^beta &gt; (M - 1) e^(beta (1 - Delta_min)); with an optimal code Delta_min lies between the spherical-code
/// bounds lower(M, D) and upper(M, D), which give the theory band of the capacity plot.
/// </summary>
public sealed class FeatureDimSweep(FeatureDimSweepConfig config, ulong seed, SummaryWriter tb, Action tick)
{
    public List<FeatureDimPoint> Run(CancellationToken cancel)
    {
        var points = new List<FeatureDimPoint>();
        foreach (int dim in config.FeatureDims)
        {
            foreach (int m in config.Counts)
            {
                for (int s = 0; s < config.Seeds; s++)
                {
                    if (cancel.IsCancellationRequested)
                    {
                        return points;
                    }

                    points.Add(At(dim, m, s));
                }

                tick();
            }
        }

        return points;
    }

    private FeatureDimPoint At(int dim, int m, int s)
    {
        using Tensor memories = TammesSweep.UnitMemories(m, config.InputDim, seed, $"featuredim/{m}/{s}");
        manual_seed(Rng.DeriveSeed(seed, $"featuredim/phi/{dim}/{m}/{s}"));
        using var phi = new FeatureMap(new FeatureMapConfig { InputDim = config.InputDim, FeatureDim = dim });
        var (rate0, delta0) = Score(phi, memories);
        UHopPlus.Separate(phi, memories, config.Separation.ToOptions());
        var (rate1, delta1) = Score(phi, memories);
        tb.add_scalar($"feature_dim/D{dim}/retrieved_before", rate0, m);
        tb.add_scalar($"feature_dim/D{dim}/retrieved_after", rate1, m);
        return new FeatureDimPoint(dim, m, s, rate0, rate1, delta0, delta1);
    }

    // Fraction of memories whose own weight exceeds 1/2 at x = xi, and Delta_min, in the unit feature space.
    private (double Rate, double DeltaMin) Score(FeatureMap phi, Tensor memories)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Tensor z = phi.Features(memories);                                   // (M, D) unit rows
        Tensor p = (z.matmul(z.T) * config.Beta).softmax(1);
        double rate = (p.diagonal() > 0.5).to(ScalarType.Float64).mean().item<double>();
        return (rate, SeparationMetrics.DeltaMin(z));
    }

    /// <summary>
    /// Largest M with bound(M, D) &gt;= ln(M - 1) / beta, where bound is the lower or upper spherical-code bound on the
    /// optimal Delta_min: the capacity an optimal code guarantees (lower) or can at most certify by this criterion (upper).
    /// </summary>
    public static long CodeCapacity(int dim, double beta, bool upper, long limit = 1L << 30)
    {
        bool Ok(long m) => (upper ? SphericalCodes.UpperBound((int)m, dim) : SphericalCodes.LowerBound((int)m, dim)) >= Math.Log(m - 1) / beta;
        if (!Ok(2))
        {
            return 1;
        }

        long lo = 2, hi = 4;
        while (hi < limit && Ok(hi))
        {
            lo = hi;
            hi *= 2;
        }

        while (hi - lo > 1)
        {
            long mid = lo + ((hi - lo) / 2);
            if (Ok(mid))
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
