using Trainer.Training.Logging.Model;

namespace Trainer.Training.Logging;

/// <summary>
/// Builds a <see cref="HistogramData"/> from values the way PyTorch's <c>make_histogram</c> does:
/// counts c_i = #{x : e_i ≤ x &lt; e_{i+1}} over bin edges e_0 &lt; … &lt; e_B (the last bin also takes x = e_B,
/// values outside [e_0, e_B] and NaN are not counted, as in <c>numpy.histogram</c>), optional merging down to
/// at most maxBins bins, then trimming to the support with one empty bucket on the left so the left edge shows.
/// min, max, num, Σx and Σx² are taken over all values, as PyTorch does.
/// </summary>
public static class HistogramBuilder
{
    private static readonly Lazy<double[]> TensorFlowEdges = new(MakeTensorFlowEdges);

    /// <summary>
    /// PyTorch's default ("tensorflow") edges: ±1e-12·1.1^k for 1e-12·1.1^k &lt; 1e20 (repeated multiplication),
    /// negatives reversed, then 0, then positives: 1549 edges.
    /// </summary>
    public static IReadOnlyList<double> DefaultEdges => TensorFlowEdges.Value;

    /// <summary><c>numpy.linspace(lo, hi, bins + 1)</c> over [min, max] (widened by ±0.5 when min = max), as <c>np.histogram(x, bins)</c>.</summary>
    public static double[] UniformEdges(double min, double max, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (min == max)
        {
            min -= 0.5;
            max += 0.5;
        }

        var edges = new double[bins + 1];
        var step = (max - min) / bins;
        for (var i = 0; i < bins; i++)
        {
            edges[i] = (i * step) + min;
        }

        edges[bins] = max;
        return edges;
    }

    /// <summary>Histogram of <paramref name="values"/> with PyTorch's default edges.</summary>
    public static HistogramData Build(ReadOnlySpan<double> values, int? maxBins = null) =>
        Build(values, TensorFlowEdges.Value, maxBins);

    /// <summary>Histogram of <paramref name="values"/> over <paramref name="edges"/> (ascending).</summary>
    public static HistogramData Build(ReadOnlySpan<double> values, IReadOnlyList<double> edges, int? maxBins = null)
    {
        if (values.Length == 0)
        {
            throw new ArgumentException("cannot make a histogram of no values", nameof(values));
        }

        if (edges.Count < 2)
        {
            throw new ArgumentException("a histogram needs at least two bin edges", nameof(edges));
        }

        var counts = Count(values, edges);
        var limits = edges.ToArray();
        if (maxBins is { } m && counts.Length > m)
        {
            (counts, limits) = Subsample(counts, limits, m);
        }

        var (bucketLimits, bucketCounts) = TrimToSupport(counts, limits);
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0, sumSquares = 0;
        foreach (var x in values)
        {
            min = double.IsNaN(x) || double.IsNaN(min) ? double.NaN : Math.Min(min, x);
            max = double.IsNaN(x) || double.IsNaN(max) ? double.NaN : Math.Max(max, x);
            sum += x;
            sumSquares += x * x;
        }

        return new HistogramData(min, max, values.Length, sum, sumSquares, bucketLimits, bucketCounts);
    }

    /// <summary>Counts per bin: [e_i, e_{i+1}), last bin closed.</summary>
    private static double[] Count(ReadOnlySpan<double> values, IReadOnlyList<double> edges)
    {
        var bins = edges.Count - 1;
        var counts = new double[bins];
        var first = edges[0];
        var last = edges[bins];
        foreach (var x in values)
        {
            if (!(x >= first && x <= last))
            {
                continue; // outside the edges, or NaN
            }

            counts[x == last ? bins - 1 : UpperBound(edges, x) - 1]++;
        }

        return counts;
    }

    /// <summary>Index of the first edge strictly greater than x (numpy searchsorted side="right").</summary>
    private static int UpperBound(IReadOnlyList<double> edges, double x)
    {
        int lo = 0, hi = edges.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (edges[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Merges runs of s = ⌊B / maxBins⌋ bins (zero-padding the tail), keeping every s-th left edge and the last edge.</summary>
    private static (double[] Counts, double[] Limits) Subsample(double[] counts, double[] limits, int maxBins)
    {
        var s = counts.Length / maxBins;
        var groups = (counts.Length + s - 1) / s;
        var merged = new double[groups];
        for (var i = 0; i < counts.Length; i++)
        {
            merged[i / s] += counts[i];
        }

        var newLimits = new double[groups + 1];
        for (var g = 0; g < groups; g++)
        {
            newLimits[g] = limits[g * s];
        }

        newLimits[groups] = limits[^1];
        return (merged, newLimits);
    }

    /// <summary>
    /// Keeps bins from the first to the last non-empty one; TensorBoard stores only right edges, so the bin left of
    /// the support (or an empty one when the support starts at bin 0) is kept to show the left edge.
    /// </summary>
    private static (double[] Limits, double[] Counts) TrimToSupport(double[] counts, double[] limits)
    {
        var start = Array.FindIndex(counts, c => c > 0);
        if (start < 0)
        {
            throw new ArgumentException(
                $"no value falls inside the histogram range [{limits[0]}, {limits[^1]}] (all NaN, infinite or out of range)");
        }

        var end = Array.FindLastIndex(counts, c => c > 0) + 1;
        var bucketCounts = start > 0 ? counts[(start - 1)..end] : [0.0, .. counts[..end]];
        var bucketLimits = limits[start..(end + 1)];
        return (bucketLimits, bucketCounts);
    }

    private static double[] MakeTensorFlowEdges()
    {
        var positive = new List<double>();
        for (var v = 1e-12; v < 1e20; v *= 1.1)
        {
            positive.Add(v);
        }

        var edges = new double[(2 * positive.Count) + 1];
        for (var i = 0; i < positive.Count; i++)
        {
            edges[positive.Count - 1 - i] = -positive[i];
            edges[positive.Count + 1 + i] = positive[i];
        }

        return edges;
    }
}
