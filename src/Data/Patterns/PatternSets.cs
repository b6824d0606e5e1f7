using Trainer.Data.Randomness;

namespace Trainer.Data.Patterns;

/// <summary>Distribution of stored patterns xi in R^N.</summary>
public enum PatternKind
{
    /// <summary>xi_i ~ N(0, 1) independently.</summary>
    Gaussian,

    /// <summary>Uniform on the sphere ||xi||^2 = N (normalised Gaussian).</summary>
    Spherical,

    /// <summary>xi_i = +1 or -1 with probability 1/2 each.</summary>
    Binary,
}

/// <summary>Configuration of a pattern set and optional noisy queries (JSON keys snake_case).</summary>
public sealed record PatternSetConfig
{
    /// <summary>Pattern distribution.</summary>
    public PatternKind Kind { get; init; } = PatternKind.Spherical;

    /// <summary>Number of patterns P.</summary>
    public int Count { get; init; } = 1000;

    /// <summary>Dimension N.</summary>
    public int Dim { get; init; } = 32;

    /// <summary>Noisy queries to draw (0 for none); each starts from a uniformly chosen stored pattern.</summary>
    public int Queries { get; init; }

    /// <summary>Overlap rho0 of each query with its pattern.</summary>
    public double Overlap { get; init; } = 0.9;

    /// <summary>Make the noise orthogonal to the pattern, so the overlap is exact (cosine = rho0).</summary>
    public bool Orthogonalize { get; init; } = true;

    /// <summary>Worker threads (0 = all processors); the output does not depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending key.</summary>
    public void Validate()
    {
        if (Count < 0 || Dim < 1 || Queries < 0)
        {
            throw new ArgumentException($"count >= 0, dim >= 1 and queries >= 0 are required, got {Count}, {Dim}, {Queries}");
        }
        if ((long)Count * Dim > Array.MaxLength)
        {
            throw new ArgumentException($"count * dim = {(long)Count * Dim} floats exceeds one array ({Array.MaxLength})");
        }
        if (!(Overlap >= -1 && Overlap <= 1))
        {
            throw new ArgumentException($"overlap must lie in [-1, 1], got {Overlap}");
        }
    }
}

/// <summary>
/// Random stored patterns for dense associative memories (paper digest 2.1): P rows of dimension N in float32,
/// row-major (P, N). Row mu draws from substream mu, so any thread count fills the same bytes; P can be several
/// million (the caller may pass a preallocated array to stream into).
/// </summary>
/// <remarks>
/// Example, N = 4: a Gaussian row might be [0.31, -1.20, 0.05, 0.88]; the spherical row from the same normals is
/// that vector scaled to norm 2 = sqrt(4); a binary row is e.g. [1, -1, -1, 1].
/// </remarks>
public static class PatternSets
{
    /// <summary>Allocates and fills a (count, dim) pattern matrix.</summary>
    public static float[] Generate(PatternKind kind, int count, int dim, ulong seed, int threads = 0)
    {
        var dest = new float[(long)count * dim];
        Fill(kind, count, dim, seed, dest, threads);
        return dest;
    }

    /// <summary>Fills <paramref name="dest"/> (at least count * dim floats) with patterns.</summary>
    public static void Fill(PatternKind kind, int count, int dim, ulong seed, float[] dest, int threads = 0)
    {
        if (dest.LongLength < (long)count * dim)
        {
            throw new ArgumentException($"destination holds {dest.LongLength} floats, {(long)count * dim} needed", nameof(dest));
        }
        ulong rowSeed = Rng.DeriveSeed(seed, "patterns");
        ParallelStreams.For(count, rowSeed, threads, (mu, rng) =>
        {
            var row = dest.AsSpan((int)(mu * dim), dim);
            FillRow(kind, rng, row);
        });
    }

    /// <summary>One pattern of the given kind into <paramref name="row"/>.</summary>
    public static void FillRow(PatternKind kind, Rng rng, Span<float> row)
    {
        switch (kind)
        {
            case PatternKind.Binary:
                for (int i = 0; i < row.Length; i += 64)
                {
                    ulong bits = rng.NextUInt64();
                    int n = Math.Min(64, row.Length - i);
                    for (int b = 0; b < n; b++)
                    {
                        row[i + b] = ((bits >> b) & 1) == 1 ? 1f : -1f;
                    }
                }
                break;
            case PatternKind.Gaussian:
                for (int i = 0; i < row.Length; i++)
                {
                    row[i] = (float)rng.NextNormal();
                }
                break;
            default:
                Span<double> v = row.Length <= 1024 ? stackalloc double[row.Length] : new double[row.Length];
                Sampling.UnitVector(rng, v);
                double radius = Math.Sqrt(row.Length);
                for (int i = 0; i < row.Length; i++)
                {
                    row[i] = (float)(v[i] * radius);
                }
                break;
        }
    }
}
