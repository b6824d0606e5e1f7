using Trainer.Data.Randomness;

namespace Trainer.Training.Probes;

/// <summary>
/// A statistic measured on the random-embedding control: its mean and standard deviation over
/// <see cref="Draws"/> i.i.d. Gaussian embeddings of the probed embedding's shape (n, d).
/// </summary>
/// <param name="Mean">Mean over the draws.</param>
/// <param name="Sd">Sample standard deviation over the draws (0 for a single draw).</param>
/// <param name="Draws">Number of control embeddings.</param>
public sealed record ControlStats(double Mean, double Sd, int Draws)
{
    /// <summary>Mean and sample standard deviation of <paramref name="values"/>.</summary>
    public static ControlStats Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return new ControlStats(double.NaN, double.NaN, 0);
        }

        double mean = values.Average();
        double ss = values.Sum(v => (v - mean) * (v - mean));
        double sd = values.Count > 1 ? Math.Sqrt(ss / (values.Count - 1)) : 0;
        return new ControlStats(mean, sd, values.Count);
    }
}

/// <summary>
/// The random-embedding control: <c>draws</c> embeddings with i.i.d. N(0, 1) entries and the shape of the probed
/// one, each from its own substream of the seed, so the control is the same on every machine. Every geometric
/// statistic is scale-free (cosines, energy shares, rank correlations), so the scale of the draws does not matter.
/// </summary>
public static class RandomControl
{
    /// <summary>The control embeddings for shape (rows, cols).</summary>
    public static IEnumerable<EmbeddingMatrix> Draws(int rows, int cols, int draws, ulong seed)
    {
        for (int i = 0; i < draws; i++)
        {
            yield return EmbeddingMatrix.Gaussian(rows, cols, Rng.DeriveSeed(seed, (ulong)i));
        }
    }

    /// <summary>A statistic evaluated on every control draw, summarised.</summary>
    public static ControlStats Measure(int rows, int cols, int draws, ulong seed, Func<EmbeddingMatrix, double> statistic) =>
        ControlStats.Of(Draws(rows, cols, draws, seed).Select(statistic).ToList());
}
