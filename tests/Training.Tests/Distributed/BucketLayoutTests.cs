using Trainer.Torch;
using Trainer.Training.Distributed;

namespace Trainer.Training.Tests.Distributed;

public class BucketLayoutTests
{
    [Fact]
    public void Parameters_fill_buckets_in_order_up_to_the_cap()
    {
        var f = ScalarType.Float32;
        BucketLayout l = BucketLayout.Build(new long[] { 3, 5, 2 }, new[] { f, f, f }, new[] { true, true, true }, capBytes: 32);
        Assert.Equal(2, l.Buckets.Count);
        Assert.Equal(new[] { (0, 0L, 3L), (1, 3L, 5L) }, l.Buckets[0].Entries.Select(e => (e.Parameter, e.Offset, e.Numel)));
        Assert.Equal(8, l.Buckets[0].Numel);
        Assert.Equal(new[] { (2, 0L, 2L) }, l.Buckets[1].Entries.Select(e => (e.Parameter, e.Offset, e.Numel)));
    }

    [Fact]
    public void Dtypes_get_separate_buckets_excluded_parameters_none_and_an_oversized_one_its_own()
    {
        BucketLayout l = BucketLayout.Build(new long[] { 4, 100, 4, 4 },
            new[] { ScalarType.Float32, ScalarType.Float32, ScalarType.Float64, ScalarType.Float32 },
            new[] { true, true, true, false }, capBytes: 64);
        Assert.Equal(new[] { new[] { 0 }, new[] { 1 }, new[] { 2 } },
            l.Buckets.Select(b => b.Entries.Select(e => e.Parameter).ToArray()));
        Assert.Equal(ScalarType.Float64, l.Buckets[2].DType);
    }
}
