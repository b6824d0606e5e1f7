using Trainer.Data.Randomness;

namespace Trainer.Models.Clustering;

/// <summary>
/// Greedy k-means++ seeding (Arthur and Vassilvitskii, 2007, with the greedy trials of their paper's experiments): the
/// first seed is a uniform point; each next seed is the best of <c>2 + floor(ln K)</c> candidates drawn with
/// probability proportional to D(x)^2 (squared distance to the nearest seed so far), "best" meaning the smallest
/// potential sum_x D(x)^2 after adding it. Used to initialise the memories of every clustering model here.
/// </summary>
public static class KMeansPlusPlus
{
    /// <summary>Indices of K seed points among N points (row-major (N, d) array); deterministic in the generator.</summary>
    public static int[] Seeds(ReadOnlySpan<float> points, int dim, int k, Rng rng)
    {
        int n = points.Length / dim;
        if (k < 1 || k > n)
        {
            throw new ArgumentException($"need 1 <= K <= N, got K = {k} and N = {n}");
        }

        int trials = 2 + (int)Math.Log(k);
        var seeds = new int[k];
        seeds[0] = rng.NextInt(n);
        var nearest = new double[n];
        for (int i = 0; i < n; i++)
        {
            nearest[i] = Distance2(points, dim, i, seeds[0]);
        }

        var candidateD2 = new double[n];
        var bestD2 = new double[n];
        for (int s = 1; s < k; s++)
        {
            double[] cdf = Sampling.CumulativeSums(nearest);
            double bestPotential = double.PositiveInfinity;
            int best = -1;
            for (int t = 0; t < trials; t++)
            {
                int c = cdf[^1] > 0 ? Sampling.Categorical(rng, cdf) : rng.NextInt(n);
                double potential = 0;
                for (int i = 0; i < n; i++)
                {
                    candidateD2[i] = Math.Min(nearest[i], Distance2(points, dim, i, c));
                    potential += candidateD2[i];
                }

                if (potential < bestPotential)
                {
                    bestPotential = potential;
                    best = c;
                    Array.Copy(candidateD2, bestD2, n);
                }
            }

            seeds[s] = best;
            Array.Copy(bestD2, nearest, n);
        }

        return seeds;
    }

    /// <summary>The seed points themselves, (K, d) row-major.</summary>
    public static float[] SeedPoints(ReadOnlySpan<float> points, int dim, int k, Rng rng)
    {
        int[] idx = Seeds(points, dim, k, rng);
        var result = new float[k * dim];
        for (int s = 0; s < k; s++)
        {
            points.Slice(idx[s] * dim, dim).CopyTo(result.AsSpan(s * dim, dim));
        }

        return result;
    }

    private static double Distance2(ReadOnlySpan<float> x, int dim, int i, int j)
    {
        double s = 0;
        for (int c = 0; c < dim; c++)
        {
            double diff = x[(i * dim) + c] - x[(j * dim) + c];
            s += diff * diff;
        }

        return s;
    }
}
