namespace Trainer.Training.Logging.Model;

/// <summary>
/// <c>HistogramProto</c>: min (1), max (2), num (3), sum (4), sum_squares (5), bucket_limit (6, packed),
/// bucket (7, packed). Bucket i counts values in (limit[i-1], limit[i]]; limit[i] is its right edge.
/// </summary>
public sealed record HistogramData(
    double Min,
    double Max,
    double Num,
    double Sum,
    double SumSquares,
    double[] BucketLimits,
    double[] BucketCounts);
