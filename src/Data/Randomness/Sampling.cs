namespace Trainer.Data.Randomness;

/// <summary>
/// Samplers built on <see cref="Rng"/>: Fisher-Yates shuffles and permutations, sampling without replacement,
/// inverse-CDF categorical draws, Gamma and Beta variates, and uniform directions on the unit sphere.
/// </summary>
public static class Sampling
{
    /// <summary>
    /// Fisher-Yates shuffle in place: for i = n-1 down to 1 swap item i with item j ~ U{0..i}.
    /// Example: shuffling [0, 1, 2, 3] gives each of the 24 orders with probability 1/24.
    /// </summary>
    public static void Shuffle<T>(Rng rng, Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A uniformly random permutation of 0..n-1 (shuffled identity).</summary>
    public static int[] Permutation(Rng rng, int n)
    {
        var perm = new int[n];
        for (int i = 0; i < n; i++)
        {
            perm[i] = i;
        }
        Shuffle<int>(rng, perm);
        return perm;
    }

    /// <summary>
    /// k distinct integers from 0..n-1 in random order (partial Fisher-Yates over a sparse swap map, O(k)).
    /// </summary>
    public static int[] ChooseDistinct(Rng rng, int n, int k)
    {
        if (k < 0 || k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"cannot choose {k} distinct values from {n}");
        }
        var swapped = new Dictionary<int, int>();
        var result = new int[k];
        for (int i = 0; i < k; i++)
        {
            int j = i + rng.NextInt(n - i);
            int atJ = swapped.TryGetValue(j, out int vj) ? vj : j;
            int atI = swapped.TryGetValue(i, out int vi) ? vi : i;
            result[i] = atJ;
            swapped[j] = atI;
        }
        return result;
    }

    /// <summary>
    /// Index i with probability (cdf[i] - cdf[i-1]) / cdf[^1], by binary search of u * total in the cumulative
    /// weights (inverse-CDF sampling). <paramref name="cdf"/> must be non-decreasing with a positive last entry.
    /// </summary>
    public static int Categorical(Rng rng, ReadOnlySpan<double> cdf)
    {
        double target = rng.NextDouble() * cdf[^1];
        int lo = 0;
        int hi = cdf.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > target)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /// <summary>Cumulative sums of non-negative weights (the table <see cref="Categorical"/> searches).</summary>
    public static double[] CumulativeSums(ReadOnlySpan<double> weights)
    {
        var cdf = new double[weights.Length];
        double total = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (!(weights[i] >= 0))
            {
                throw new ArgumentException($"weight {i} is {weights[i]}; weights must be non-negative", nameof(weights));
            }
            total += weights[i];
            cdf[i] = total;
        }
        return cdf;
    }

    /// <summary>
    /// Gamma(shape, 1) by Marsaglia and Tsang (2000): d = a - 1/3, c = 1/sqrt(9d), v = (1 + c x)^3 with x ~ N(0,1),
    /// accept d v when ln u &lt; x^2/2 + d - d v + d ln v. Shapes below 1 use Gamma(a + 1) * u^(1/a).
    /// </summary>
    public static double Gamma(Rng rng, double shape)
    {
        if (!(shape > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "the Gamma shape must be positive");
        }
        if (shape < 1)
        {
            double boost = DetMath.Exp(DetMath.Log(rng.NextDoubleOpen()) / shape);
            return Gamma(rng, shape + 1) * boost;
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x = rng.NextNormal();
            double t = 1.0 + c * x;
            if (t <= 0)
            {
                continue;
            }
            double v = t * t * t;
            double u = rng.NextDoubleOpen();
            double x2 = x * x;
            if (u < 1.0 - 0.0331 * x2 * x2)
            {
                return d * v;
            }
            if (DetMath.Log(u) < 0.5 * x2 + d * (1.0 - v + DetMath.Log(v)))
            {
                return d * v;
            }
        }
    }

    /// <summary>Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).</summary>
    public static double Beta(Rng rng, double a, double b)
    {
        double x = Gamma(rng, a);
        double y = Gamma(rng, b);
        return x / (x + y);
    }

    /// <summary>Fills <paramref name="dest"/> with a uniform direction on the unit sphere (normalised normals).</summary>
    public static void UnitVector(Rng rng, Span<double> dest)
    {
        double norm2;
        do
        {
            norm2 = 0;
            for (int i = 0; i < dest.Length; i++)
            {
                double z = rng.NextNormal();
                dest[i] = z;
                norm2 += z * z;
            }
        }
        while (norm2 == 0);
        double inv = 1.0 / Math.Sqrt(norm2);
        for (int i = 0; i < dest.Length; i++)
        {
            dest[i] *= inv;
        }
    }
}
