namespace Trainer.Models.Clustering;

/// <summary>How a point picks its table in a CRP sweep.</summary>
public enum CrpSampling
{
    /// <summary>The most probable choice (MAP-DP: deterministic given the visiting order).</summary>
    Map,

    /// <summary>A draw from the collapsed conditional (Neal's algorithm 3), followed by MAP sweeps until nothing moves.</summary>
    Gibbs,
}

/// <summary>Configuration of <see cref="CrpClusteringMemory"/> (CLAM+CRP+ELBO). The number of memories is not set.</summary>
public sealed record CrpConfig
{
    /// <summary>Dimension d.</summary>
    public int Dim { get; init; } = 2;

    /// <summary>CRP concentration alpha: a new memory's prior weight, against n_k for memory k.</summary>
    public double Alpha { get; init; } = 1;

    /// <summary>Within-memory precision beta (bandwidth 1/beta) used by the sweeps, and the refinement's initial beta.</summary>
    public double Beta { get; init; } = 1;

    /// <summary>
    /// Prior variance tau^2 of a memory's location around the data mean; 0 = max(v - 1/beta, v/100) with v the data's
    /// mean per-coordinate variance (moments: v = tau^2 + 1/beta).
    /// </summary>
    public double PriorVariance { get; init; }

    /// <summary>Most sweeps over the points (each stage); a MAP stage stops early once no point moves.</summary>
    public int Sweeps { get; init; } = 20;

    /// <summary>MAP or Gibbs choices.</summary>
    public CrpSampling Sampling { get; init; } = CrpSampling.Map;

    /// <summary>Between MAP stages, try whole-table splits (2-means) and merges scored by the collapsed log posterior.</summary>
    public bool SplitMerge { get; init; } = true;

    /// <summary>EM iterations of the ELBO refinement after the sweeps (0 = none).</summary>
    public int RefineIterations { get; init; } = 100;

    /// <summary>Learn beta during the refinement.</summary>
    public bool LearnBeta { get; init; } = true;

    /// <summary>A memory whose expected count N_k falls below this during the refinement is retired.</summary>
    public double MinCount { get; init; } = 1;

    /// <summary>The refinement stops when the mean log-likelihood gains less than this per iteration.</summary>
    public double Tolerance { get; init; } = 1e-8;

    /// <summary>Floor on the variance 1/beta in the refinement.</summary>
    public double MinVariance { get; init; } = 1e-6;

    /// <summary>Seed of the visiting order (and of the Gibbs draws).</summary>
    public ulong Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending key.</summary>
    public void Validate()
    {
        if (Dim < 1 || Sweeps < 1 || RefineIterations < 0)
        {
            throw new ArgumentException($"dim and sweeps must be >= 1 and refine_iterations >= 0, got {Dim}, {Sweeps}, {RefineIterations}");
        }

        if (!(Alpha > 0) || !(Beta > 0) || !(PriorVariance >= 0) || !(MinCount >= 0) || !(Tolerance >= 0) || !(MinVariance > 0))
        {
            throw new ArgumentException("alpha, beta and min_variance must be > 0; prior_variance, min_count and tolerance >= 0");
        }
    }
}
