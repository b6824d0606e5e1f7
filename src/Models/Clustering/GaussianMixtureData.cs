using Trainer.Data.Randomness;

namespace Trainer.Models.Clustering;

/// <summary>Configuration of <see cref="GaussianMixtureData"/>.</summary>
public sealed record GaussianMixtureDataConfig
{
    /// <summary>Dimension d.</summary>
    public int Dim { get; init; } = 2;

    /// <summary>Number of components K.</summary>
    public int Components { get; init; } = 3;

    /// <summary>Number of points N.</summary>
    public int Points { get; init; } = 300;

    /// <summary>Standard deviation sigma of every component (isotropic).</summary>
    public double Std { get; init; } = 1;

    /// <summary>Minimum distance between two centres, in units of sigma.</summary>
    public double Separation { get; init; } = 6;

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending key.</summary>
    public void Validate()
    {
        if (Dim < 1 || Components < 1 || Points < 1)
        {
            throw new ArgumentException($"dim, components and points must be >= 1, got {Dim}, {Components}, {Points}");
        }

        if (!(Std > 0) || !(Separation >= 0))
        {
            throw new ArgumentException($"std must be > 0 and separation >= 0, got {Std} and {Separation}");
        }
    }
}

/// <summary>
/// A plain isotropic Gaussian mixture with controlled separation: K centres mu_k placed uniformly in the cube
/// [-L, L]^d by rejection until every pair is at least <c>separation * sigma</c> apart (L = separation * sigma *
/// max(1, K^(1/d)), grown by 10% after 1000 rejections in a row), equal weights, and points
/// <c>x = mu_z + sigma * N(0, I)</c> with z uniform in {0..K-1}. Deterministic in (config, seed): centres use the
/// "centres" stream and points the "points" stream of <see cref="Rng"/>.
/// </summary>
/// <remarks>
/// Example, d = 2, K = 3, separation 6, sigma 1: Centres (3, 2) pairwise at least 6 apart in [-10.4, 10.4]^2,
/// Points (N, 2) float32, Labels (N) in {0, 1, 2}.
/// </remarks>
/// <param name="Config">The configuration it was drawn from.</param>
/// <param name="Centres">Component means, (K, d) row-major.</param>
/// <param name="Points">Points, (N, d) row-major float32.</param>
/// <param name="Labels">True component of each point, (N).</param>
public sealed record GaussianMixtureData(GaussianMixtureDataConfig Config, double[] Centres, float[] Points, int[] Labels)
{
    private const int MaxRejections = 1000;

    /// <summary>Draws the mixture.</summary>
    public static GaussianMixtureData Generate(GaussianMixtureDataConfig config, ulong seed)
    {
        config.Validate();
        int d = config.Dim, k = config.Components;
        double[] centres = PlaceCentres(config, Rng.ForPurpose(seed, "centres"));
        var rng = Rng.ForPurpose(seed, "points");
        var points = new float[(long)config.Points * d];
        var labels = new int[config.Points];
        for (int i = 0; i < config.Points; i++)
        {
            int z = rng.NextInt(k);
            labels[i] = z;
            for (int j = 0; j < d; j++)
            {
                points[(i * d) + j] = (float)(centres[(z * d) + j] + (config.Std * rng.NextNormal()));
            }
        }

        return new GaussianMixtureData(config, centres, points, labels);
    }

    private static double[] PlaceCentres(GaussianMixtureDataConfig config, Rng rng)
    {
        int d = config.Dim, k = config.Components;
        double minDist = config.Separation * config.Std;
        double half = Math.Max(minDist * Math.Max(1, Math.Pow(k, 1.0 / d)), config.Std);
        var centres = new double[k * d];
        int placed = 0, rejections = 0;
        var candidate = new double[d];
        while (placed < k)
        {
            for (int j = 0; j < d; j++)
            {
                candidate[j] = ((2 * rng.NextDouble()) - 1) * half;
            }

            if (FarFromAll(centres, placed, candidate, minDist))
            {
                candidate.CopyTo(centres, placed * d);
                placed++;
                rejections = 0;
            }
            else if (++rejections >= MaxRejections)
            {
                half *= 1.1;
                rejections = 0;
            }
        }

        return centres;
    }

    private static bool FarFromAll(double[] centres, int count, double[] x, double minDist)
    {
        int d = x.Length;
        for (int c = 0; c < count; c++)
        {
            double s = 0;
            for (int j = 0; j < d; j++)
            {
                double diff = centres[(c * d) + j] - x[j];
                s += diff * diff;
            }

            if (s < minDist * minDist)
            {
                return false;
            }
        }

        return true;
    }
}
