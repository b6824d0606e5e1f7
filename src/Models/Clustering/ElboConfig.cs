namespace Trainer.Models.Clustering;

/// <summary>How <see cref="ElboClusteringMemory"/> maximises the ELBO.</summary>
public enum ElboTraining
{
    /// <summary>Closed-form E and M steps (<see cref="IsotropicMixture.MStep"/>).</summary>
    Em,

    /// <summary>Adam on -ELBO at q = r (the mean log-likelihood), parameters xi, weight logits and log beta.</summary>
    Gradient,
}

/// <summary>Configuration of <see cref="ElboClusteringMemory"/> (CLAM+ELBO).</summary>
public sealed record ElboConfig
{
    /// <summary>Number of memories (mixture components) K.</summary>
    public int Memories { get; init; } = 3;

    /// <summary>Dimension d.</summary>
    public int Dim { get; init; } = 2;

    /// <summary>Initial (or, without <see cref="LearnBeta"/>, fixed) shared precision beta; the bandwidth is 1/beta.</summary>
    public double Beta { get; init; } = 1;

    /// <summary>Learn beta (M-step or gradient) instead of keeping it fixed.</summary>
    public bool LearnBeta { get; init; } = true;

    /// <summary>Learn the weights pi_k instead of keeping them uniform.</summary>
    public bool LearnWeights { get; init; } = true;

    /// <summary>EM or gradient ascent.</summary>
    public ElboTraining Training { get; init; } = ElboTraining.Em;

    /// <summary>Most EM iterations, or Adam steps.</summary>
    public int Iterations { get; init; } = 200;

    /// <summary>EM stops when the mean log-likelihood gains less than this per iteration.</summary>
    public double Tolerance { get; init; } = 1e-8;

    /// <summary>Adam learning rate (gradient training only).</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Independent k-means++ initialisations; the one with the highest final ELBO is kept.</summary>
    public int Restarts { get; init; } = 1;

    /// <summary>Floor on the variance 1/beta (keeps a component from collapsing onto one point).</summary>
    public double MinVariance { get; init; } = 1e-6;

    /// <summary>Seed of the initialisation.</summary>
    public ulong Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending key.</summary>
    public void Validate()
    {
        if (Memories < 1 || Dim < 1 || Iterations < 0 || Restarts < 1)
        {
            throw new ArgumentException($"memories, dim and restarts must be >= 1 and iterations >= 0, got {Memories}, {Dim}, {Restarts}, {Iterations}");
        }

        if (!(Beta > 0) || !(LearningRate > 0) || !(Tolerance >= 0) || !(MinVariance > 0))
        {
            throw new ArgumentException("beta, learning_rate and min_variance must be > 0 and tolerance >= 0");
        }
    }
}
