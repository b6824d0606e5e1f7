using System.Globalization;
using System.Text.Json;
using Trainer.Training.Logging;

namespace Trainer.Training.Tests.Logging;

public class HistogramBuilderTests
{
    [Fact]
    public void Default_edges_are_symmetric_geometric_steps_of_1_1_from_1e_minus_12_to_1e20()
    {
        var edges = HistogramBuilder.DefaultEdges;
        var half = (edges.Count - 1) / 2;

        // n = number of k with 1e-12 * 1.1^k < 1e20, i.e. ceil(32 ln 10 / ln 1.1) = 774.
        var expectedHalf = (int)Math.Ceiling(32 * Math.Log(10) / Math.Log(1.1));
        Assert.Equal(expectedHalf, half);
        Assert.Equal(0.0, edges[half]);
        Assert.Equal(1e-12, edges[half + 1]);
        Assert.True(edges[^1] < 1e20 && edges[^1] * 1.1 >= 1e20);
        for (var i = 0; i < edges.Count; i++)
        {
            Assert.Equal(-edges[i], edges[edges.Count - 1 - i]);
        }
    }

    [Fact]
    public void Counts_match_a_linear_scan_over_the_trimmed_buckets()
    {
        var random = new Random(1);
        var values = Enumerable.Range(0, 2000).Select(_ => (random.NextDouble() - 0.3) * 10).ToArray();
        var h = HistogramBuilder.Build(values);

        Assert.Equal(values.Length, h.BucketCounts.Sum());
        Assert.Equal(0.0, h.BucketCounts[0]);
        for (var i = 1; i < h.BucketLimits.Length; i++)
        {
            var (lo, hi) = (h.BucketLimits[i - 1], h.BucketLimits[i]);
            Assert.Equal(values.Count(v => v >= lo && v < hi), h.BucketCounts[i]);
        }
    }

    [Fact]
    public void Uniform_bins_put_the_maximum_in_the_last_bin()
    {
        double[] values = [0, 1, 2, 3, 4];
        var h = HistogramBuilder.Build(values, HistogramBuilder.UniformEdges(0, 4, 4));
        // edges 0,1,2,3,4; bins [0,1) [1,2) [2,3) [3,4]; support starts at bin 0 so an empty bucket is prepended
        Assert.Equal([0.0, 1, 2, 3, 4], h.BucketLimits);
        Assert.Equal([0.0, 1, 1, 1, 2], h.BucketCounts);
    }

    [Fact]
    public void All_values_out_of_range_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => HistogramBuilder.Build([double.NaN, double.PositiveInfinity]));
        Assert.Throws<ArgumentException>(() => HistogramBuilder.Build(ReadOnlySpan<double>.Empty));
    }

    [NumpyFact]
    public void Buckets_match_a_numpy_reimplementation_of_PyTorch_make_histogram()
    {
        var random = new Random(2);
        double[][] cases =
        [
            [.. Enumerable.Range(0, 500).Select(_ => NextGaussian(random) * 0.02)],
            [.. Enumerable.Range(0, 300).Select(_ => Math.Exp(NextGaussian(random) * 5))],
            [0.0, 0.0, 1e-13, -1e-13, 5.0],
            [-3.5, 2.25, 1e19, -7e18],
        ];
        var requests = (from maxBins in new int?[] { null, 64 } from values in cases select (values, maxBins)).ToList();
        var input = JsonSerializer.Serialize(requests.Select(r => new
        {
            values = r.values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)),
            max_bins = r.maxBins,
        }));
        var (code, stdout, stderr) = Tools.Run(Tools.Python, [Fixtures.File("histogram_reference.py")], input);
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(requests.Count, json.RootElement.GetArrayLength());
        foreach (var ((values, maxBins), reference) in requests.Zip(json.RootElement.EnumerateArray()))
        {
            var mine = HistogramBuilder.Build(values, maxBins);
            var limits = reference.GetProperty("bucket_limit").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var counts = reference.GetProperty("bucket").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(limits, mine.BucketLimits);
            Assert.Equal(counts, mine.BucketCounts);
            Assert.Equal(reference.GetProperty("min").GetDouble(), mine.Min);
            Assert.Equal(reference.GetProperty("max").GetDouble(), mine.Max);
            Assert.Equal(reference.GetProperty("sum").GetDouble(), mine.Sum, 1e-9 * (1 + Math.Abs(mine.Sum)));
            Assert.Equal(reference.GetProperty("sum_squares").GetDouble(), mine.SumSquares, 1e-9 * (1 + mine.SumSquares));
        }
    }

    private static double NextGaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
