using Trainer.Models.Core;
using Trainer.Torch;
using Trainer.Training.Distributed;

namespace Trainer.Training.Tests.Distributed;

public class ShardedBatchSourceTests
{
    [Fact]
    public void The_ranks_shards_together_hold_exactly_the_rows_of_the_global_batch()
    {
        using Batch global = new ToyBatches().Train(2);
        float[] all = global.Target!.data<float>();
        var mine = new List<float>();
        var ids = new List<long>();
        for (int r = 0; r < 2; r++)
        {
            var source = new ShardedBatchSource(new ToyBatches(), new DistributedSampler(2, r, seed: 9));
            using Batch shard = source.Train(2);
            Assert.Equal(new long[] { 4, 3 }, shard.Input.shape);
            mine.AddRange(shard.Target!.data<float>());
            ids.AddRange(shard["ids"].data<long>());
        }

        Assert.Equal(all.Order(), mine.Order());
        Assert.Equal(global["ids"].data<long>().Order(), ids.Order());
    }

    [Fact]
    public void An_uneven_batch_repeats_rows_and_says_so()
    {
        var source = new ShardedBatchSource(new ToyBatches(), new DistributedSampler(3, 2, seed: 1));
        var warnings = new List<(int, int)>();
        source.UnevenBatch += (b, pad) => warnings.Add((b, pad));
        using Batch a = source.Train(0);
        using Batch b = source.Train(1);
        Assert.Equal(3, a.Input.size(0)); // ceil(8 / 3)
        Assert.Equal(new[] { (8, 1) }, warnings); // once per batch size
    }
}
