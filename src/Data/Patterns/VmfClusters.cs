using Trainer.Data.Randomness;

namespace Trainer.Data.Patterns;

/// <summary>Configuration of von Mises-Fisher clusters (JSON keys snake_case).</summary>
public sealed record VmfClustersConfig
{
    /// <summary>Ambient dimension d (points lie on S^(d-1)).</summary>
    public int Dim { get; init; } = 3;

    /// <summary>Number of clusters K.</summary>
    public int Clusters { get; init; } = 4;

    /// <summary>Number of points.</summary>
    public int Points { get; init; } = 1000;

    /// <summary>Concentration kappa of every cluster.</summary>
    public double Kappa { get; init; } = 20;

    /// <summary>Radius of the sphere the points and centres are scaled to.</summary>
    public double Radius { get; init; } = 1;

    /// <summary>Worker threads (0 = all processors); the output does not depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending key.</summary>
    public void Validate()
    {
        if (Dim < 2 || Clusters < 1 || Points < 0)
        {
            throw new ArgumentException($"dim >= 2, clusters >= 1 and points >= 0 are required, got {Dim}, {Clusters}, {Points}");
        }
        if (!(Kappa >= 0) || !(Radius > 0))
        {
            throw new ArgumentException($"kappa must be >= 0 and radius > 0, got {Kappa} and {Radius}");
        }
    }
}

/// <summary>
/// Points from a mixture of K von Mises-Fisher clusters on the sphere (paper digest 4.1: normalised attention as
/// vMF clustering). Centres are uniform on the sphere; each point picks a cluster uniformly and draws from
/// vMF(centre, kappa); everything is scaled by radius.
/// </summary>
/// <remarks>
/// Example, d = 3, K = 2, kappa = 50: Centres (2, 3), Points (P, 3) with unit norm clustered within about
/// acos(1 - 1/kappa) = 11 degrees of their centre, Labels (P) in {0, 1}.
/// </remarks>
/// <param name="Centres">Cluster centres, (K, d) float32.</param>
/// <param name="Points">Points, (P, d) float32.</param>
/// <param name="Labels">Cluster of each point.</param>
public sealed record VmfClusters(float[] Centres, float[] Points, int[] Labels)
{
    /// <summary>Draws the clusters; point i uses substream i.</summary>
    public static VmfClusters Generate(VmfClustersConfig config, ulong seed)
    {
        config.Validate();
        int d = config.Dim;
        var centreRng = Rng.ForPurpose(seed, "centres");
        var centres = new double[config.Clusters * d];
        for (int k = 0; k < config.Clusters; k++)
        {
            Sampling.UnitVector(centreRng, centres.AsSpan(k * d, d));
        }
        var points = new float[(long)config.Points * d];
        var labels = new int[config.Points];
        ParallelStreams.For(config.Points, Rng.DeriveSeed(seed, "points"), config.Threads, (i, rng) =>
        {
            int k = rng.NextInt(config.Clusters);
            labels[i] = k;
            var x = new double[d];
            VonMisesFisher.Sample(rng, centres.AsSpan(k * d, d), config.Kappa, x);
            for (int j = 0; j < d; j++)
            {
                points[i * d + j] = (float)(x[j] * config.Radius);
            }
        });
        var c = centres.Select(v => (float)(v * config.Radius)).ToArray();
        return new VmfClusters(c, points, labels);
    }
}
