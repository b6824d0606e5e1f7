using Trainer.Data.Randomness;

namespace Trainer.Data.Patterns;

/// <summary>
/// Noisy retrieval queries at a given overlap with a stored pattern (paper digest 2.2, basin probe):
/// x0 = rho0 xi + sqrt(1 - rho0^2) z, renormalised to ||x0||^2 = N. With orthogonalisation z is a Gaussian
/// vector made orthogonal to xi and scaled to ||xi||, so cos(x0, xi) = rho0 exactly (and x0 . xi / N = rho0 for
/// spherical patterns); without it z ~ N(0, I) and the overlap is rho0 up to O(1/sqrt(N)).
/// </summary>
/// <remarks>
/// Example, N = 2, xi = (1, 1), rho0 = 0.6, z drawn as (0.3, 1.1): its part orthogonal to xi is (-0.4, 0.4),
/// scaled to ||xi|| = sqrt 2 gives (-1, 1); x0 = 0.6 (1, 1) + 0.8 (-1, 1) = (-0.2, 1.4), norm sqrt 2 already,
/// and x0 . xi / 2 = 0.6.
/// </remarks>
public static class NoisyQueries
{
    /// <summary>
    /// Queries, shape (indices.Length, dim): query q starts from pattern indices[q] and draws its noise from
    /// substream q of the seed.
    /// </summary>
    public static float[] Generate(float[] patterns, int dim, ReadOnlySpan<int> indices, double overlap, bool orthogonalize, ulong seed, int threads = 0)
    {
        int count = indices.Length;
        int[] idx = indices.ToArray();
        var queries = new float[(long)count * dim];
        ulong querySeed = Rng.DeriveSeed(seed, "noisy-queries");
        ParallelStreams.For(count, querySeed, threads, (q, rng) =>
        {
            var xi = patterns.AsSpan(idx[q] * dim, dim);
            Query(xi, overlap, orthogonalize, rng, queries.AsSpan((int)(q * dim), dim));
        });
        return queries;
    }

    /// <summary>Uniformly chosen pattern indices for <paramref name="count"/> queries.</summary>
    public static int[] ChooseIndices(int patternCount, int count, ulong seed)
    {
        var rng = Rng.ForPurpose(seed, "query-index");
        var idx = new int[count];
        for (int i = 0; i < count; i++)
        {
            idx[i] = rng.NextInt(patternCount);
        }
        return idx;
    }

    /// <summary>One query from pattern <paramref name="xi"/> into <paramref name="dest"/>.</summary>
    public static void Query(ReadOnlySpan<float> xi, double overlap, bool orthogonalize, Rng rng, Span<float> dest)
    {
        int n = xi.Length;
        var z = new double[n];
        double xiNorm2 = 0;
        for (int i = 0; i < n; i++)
        {
            z[i] = rng.NextNormal();
            xiNorm2 += (double)xi[i] * xi[i];
        }
        if (orthogonalize && xiNorm2 > 0)
        {
            double dot = 0;
            for (int i = 0; i < n; i++)
            {
                dot += z[i] * xi[i];
            }
            double c = dot / xiNorm2;
            double zNorm2 = 0;
            for (int i = 0; i < n; i++)
            {
                z[i] -= c * xi[i];
                zNorm2 += z[i] * z[i];
            }
            double scale = zNorm2 > 0 ? Math.Sqrt(xiNorm2 / zNorm2) : 0;
            for (int i = 0; i < n; i++)
            {
                z[i] *= scale;
            }
        }
        double noise = Math.Sqrt(Math.Max(0, 1 - overlap * overlap));
        double norm2 = 0;
        for (int i = 0; i < n; i++)
        {
            z[i] = overlap * xi[i] + noise * z[i];
            norm2 += z[i] * z[i];
        }
        double toRadius = norm2 > 0 ? Math.Sqrt(n / norm2) : 0;
        for (int i = 0; i < n; i++)
        {
            dest[i] = (float)(z[i] * toRadius);
        }
    }
}
