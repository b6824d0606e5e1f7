namespace Trainer.Data.Randomness;

/// <summary>
/// Walker's alias method in Vose's stable form: O(n) build, O(1) draws from a fixed categorical law.
/// Column i is chosen uniformly; it returns i with probability prob[i], otherwise alias[i].
/// </summary>
/// <remarks>
/// Example: weights [1, 1, 2] scale to n w / sum = [0.75, 0.75, 1.5]; the build gives prob = [0.75, 0.75, 1] and
/// alias = [2, 2, 2], so P(2) = (0.25 + 0.25 + 1) / 3 = 1/2 and P(0) = P(1) = 0.75 / 3 = 1/4.
/// </remarks>
public sealed class AliasTable
{
    private readonly double[] _prob;
    private readonly int[] _alias;

    /// <summary>Builds the table of the law p(i) = w[i] / sum(w).</summary>
    public AliasTable(ReadOnlySpan<double> weights)
    {
        _prob = new double[weights.Length];
        _alias = new int[weights.Length];
        Build(weights, _prob, _alias, new double[weights.Length], new int[weights.Length]);
    }

    /// <summary>Number of outcomes.</summary>
    public int Count => _prob.Length;

    /// <summary>Bytes held by the two arrays (8 + 4 per outcome).</summary>
    public long MemoryBytes => _prob.Length * (long)(sizeof(double) + sizeof(int));

    /// <summary>Draws one outcome: a uniform column, then a biased coin between it and its alias.</summary>
    public int Sample(Rng rng)
    {
        int i = rng.NextInt(_prob.Length);
        return rng.NextDouble() < _prob[i] ? i : _alias[i];
    }

    /// <summary>
    /// Vose's construction into caller-owned arrays (so node2vec can fill millions of small tables without
    /// allocating). <paramref name="scaled"/> and <paramref name="work"/> are scratch of at least n entries.
    /// </summary>
    public static void Build(ReadOnlySpan<double> weights, Span<double> prob, Span<int> alias, Span<double> scaled, Span<int> work)
    {
        int n = weights.Length;
        if (n == 0)
        {
            throw new ArgumentException("an alias table needs at least one outcome", nameof(weights));
        }
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            if (!(weights[i] >= 0) || double.IsInfinity(weights[i]))
            {
                throw new ArgumentException($"weight {i} is {weights[i]}; weights must be finite and non-negative", nameof(weights));
            }
            total += weights[i];
        }
        if (!(total > 0))
        {
            throw new ArgumentException("the weights sum to zero", nameof(weights));
        }
        // Small indices are stacked from the front of work, large ones from the back; together they never exceed n.
        int small = 0;
        int large = 0;
        for (int i = 0; i < n; i++)
        {
            scaled[i] = weights[i] * n / total;
            if (scaled[i] < 1.0)
            {
                work[small++] = i;
            }
            else
            {
                work[n - 1 - large++] = i;
            }
        }
        while (small > 0 && large > 0)
        {
            int s = work[--small];
            int l = work[n - large--];
            prob[s] = scaled[s];
            alias[s] = l;
            scaled[l] = (scaled[l] + scaled[s]) - 1.0;
            if (scaled[l] < 1.0)
            {
                work[small++] = l;
            }
            else
            {
                work[n - 1 - large++] = l;
            }
        }
        while (large > 0)
        {
            int l = work[n - large--];
            prob[l] = 1.0;
            alias[l] = l;
        }
        while (small > 0)
        {
            // Only reachable through rounding: the leftover mass is 1 up to a few ulp.
            int s = work[--small];
            prob[s] = 1.0;
            alias[s] = s;
        }
    }
}
