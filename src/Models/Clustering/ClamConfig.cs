namespace Trainer.Models.Clustering;

/// <summary>Where the memories and states live.</summary>
public enum MemoryGeometry
{
    /// <summary>R^d with the Gaussian-kernel (distance) update x &lt;- sum_k softmax_k(-(beta/2)||x - xi_k||^2) xi_k.</summary>
    Euclidean,

    /// <summary>The unit sphere with the dot-product update x &lt;- normalise(sum_k softmax_k(beta x . xi^_k) xi^_k).</summary>
    Sphere,
}

/// <summary>Configuration of <see cref="ClusteringAssociativeMemory"/> (CLAM).</summary>
public sealed record ClamConfig
{
    /// <summary>Number of memories K (the number of clusters it can find).</summary>
    public int Memories { get; init; } = 3;

    /// <summary>Dimension d of points and memories.</summary>
    public int Dim { get; init; } = 2;

    /// <summary>Inverse temperature beta of the retrieval (kernel bandwidth 1/beta); about 1/sigma^2 of a cluster.</summary>
    public double Beta { get; init; } = 1;

    /// <summary>Unrolled retrieval steps T in the training loss.</summary>
    public int Steps { get; init; } = 5;

    /// <summary>Distance (Euclidean) or dot-product (Sphere) form of the update.</summary>
    public MemoryGeometry Geometry { get; init; } = MemoryGeometry.Euclidean;

    /// <summary>Adam learning rate for the memories (data units per step).</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Passes over the data.</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>Points per Adam step (0 = the whole data set).</summary>
    public int BatchSize { get; init; }

    /// <summary>Independent k-means++ initialisations; the one with the lowest final loss is kept.</summary>
    public int Restarts { get; init; } = 1;

    /// <summary>Most retrieval steps when settling a point for its hard assignment.</summary>
    public int SettleSteps { get; init; } = 200;

    /// <summary>Settling stops when no state moves more than this.</summary>
    public double SettleTolerance { get; init; } = 1e-5;

    /// <summary>Seed of the initialisation and of the minibatch order.</summary>
    public ulong Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending key.</summary>
    public void Validate()
    {
        if (Memories < 1 || Dim < 1 || Steps < 1 || Epochs < 0 || BatchSize < 0 || Restarts < 1 || SettleSteps < 1)
        {
            throw new ArgumentException("memories, dim, steps, restarts and settle_steps must be >= 1; epochs and batch_size >= 0");
        }

        if (!(Beta > 0) || !(LearningRate > 0) || !(SettleTolerance > 0))
        {
            throw new ArgumentException($"beta, learning_rate and settle_tolerance must be > 0, got {Beta}, {LearningRate}, {SettleTolerance}");
        }
    }
}
