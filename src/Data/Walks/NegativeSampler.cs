using Trainer.Data.Randomness;

namespace Trainer.Data.Walks;

/// <summary>Law of negative samples.</summary>
public enum NegativeDistribution
{
    /// <summary>P(v) proportional to count(v)^power, power 0.75 by default (word2vec's smoothed unigram).</summary>
    Unigram,

    /// <summary>Uniform over all nodes.</summary>
    Uniform,
}

/// <summary>
/// Draws negative nodes for skip-gram training: from unigram counts raised to a power (0.75) or uniformly.
/// Pair i's negatives come from substream i, so the draw does not depend on the thread count.
/// </summary>
/// <remarks>
/// Example: counts [16, 1, 0] with power 0.75 give weights [8, 1, 0], so P = [8/9, 1/9, 0]; uniform gives 1/3 each.
/// </remarks>
public sealed class NegativeSampler
{
    private readonly AliasTable? _table;
    private readonly int _nodeCount;

    /// <summary>A sampler over nodes with the given walk counts.</summary>
    public NegativeSampler(ReadOnlySpan<long> counts, NegativeDistribution distribution = NegativeDistribution.Unigram, double power = 0.75)
    {
        _nodeCount = counts.Length;
        if (_nodeCount == 0)
        {
            throw new ArgumentException("no nodes to sample", nameof(counts));
        }
        if (distribution == NegativeDistribution.Unigram)
        {
            Probabilities = new double[counts.Length];
            for (int i = 0; i < counts.Length; i++)
            {
                Probabilities[i] = counts[i] > 0 ? DetMath.Pow(counts[i], power) : 0;
            }
            double total = Probabilities.Sum();
            for (int i = 0; i < counts.Length; i++)
            {
                Probabilities[i] /= total;
            }
            _table = new AliasTable(Probabilities);
        }
        else
        {
            Probabilities = Enumerable.Repeat(1.0 / counts.Length, counts.Length).ToArray();
        }
    }

    /// <summary>Probability of each node.</summary>
    public double[] Probabilities { get; }

    /// <summary>One negative node.</summary>
    public int Sample(Rng rng) => _table?.Sample(rng) ?? rng.NextInt(_nodeCount);

    /// <summary>k negatives for each of <paramref name="rows"/> pairs, shape (rows, k).</summary>
    public int[] Sample(long rows, int k, ulong seed, int threads = 0)
    {
        if ((long)rows * k > Array.MaxLength)
        {
            throw new InvalidOperationException($"{rows * k} negatives exceed one array");
        }
        var result = new int[rows * k];
        ParallelStreams.For(rows, Rng.DeriveSeed(seed, "negatives"), threads, (i, rng) =>
        {
            for (int j = 0; j < k; j++)
            {
                result[i * k + j] = Sample(rng);
            }
        });
        return result;
    }
}
