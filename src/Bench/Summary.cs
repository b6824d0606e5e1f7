namespace Trainer.Bench;

/// <summary>Median, minimum and maximum of one side's per-round values.</summary>
public sealed record Summary(double Median, double Min, double Max, int Count)
{
    /// <summary>Summarises <paramref name="values"/> (at least one); the median of an even count is the mean of the middle two.</summary>
    public static Summary Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("at least one value is needed", nameof(values));
        }

        double[] sorted = values.OrderBy(v => v).ToArray();
        int mid = sorted.Length / 2;
        double median = sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
        return new Summary(median, sorted[0], sorted[^1], sorted.Length);
    }
}
