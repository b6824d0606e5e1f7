using Trainer.Training.Distributed;

namespace Trainer.Training.Tests.Distributed;

public class DistributedSamplerTests
{
    [Fact]
    public void Without_shuffling_ranks_take_strided_positions_and_pad_from_the_start()
    {
        // n = 5, W = 2: m = 3, padded order [0 1 2 3 4 0]; rank r takes positions r, r+2, r+4.
        Assert.Equal(new[] { 0, 2, 4 }, new DistributedSampler(2, 0, 7, shuffle: false).Indices(5, 0));
        Assert.Equal(new[] { 1, 3, 0 }, new DistributedSampler(2, 1, 7, shuffle: false).Indices(5, 0));
    }

    [Theory]
    [InlineData(12, 3)]
    [InlineData(64, 2)]
    [InlineData(10, 4)]
    public void The_shards_of_all_ranks_cover_every_item_and_have_equal_sizes(int n, int world)
    {
        for (long epoch = 0; epoch < 3; epoch++)
        {
            int[][] shards = Enumerable.Range(0, world).Select(r => new DistributedSampler(world, r, 42).Indices(n, epoch)).ToArray();
            int m = (n + world - 1) / world;
            Assert.All(shards, s => Assert.Equal(m, s.Length));
            int[] all = shards.SelectMany(s => s).ToArray();
            Assert.Equal(Enumerable.Range(0, n), all.Distinct().Order());
            Assert.Equal(m * world - n, all.Length - all.Distinct().Count()); // exactly the padding repeats
        }
    }

    [Fact]
    public void The_order_is_a_function_of_seed_and_epoch_only()
    {
        var a = new DistributedSampler(2, 1, seed: 5);
        var b = new DistributedSampler(2, 1, seed: 5);
        Assert.Equal(a.Indices(50, 3), b.Indices(50, 3));
        Assert.NotEqual(a.Indices(50, 3), a.Indices(50, 4));
        Assert.NotEqual(a.Indices(50, 3), new DistributedSampler(2, 1, seed: 6).Indices(50, 3));
    }

    [Fact]
    public void A_rank_outside_the_world_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DistributedSampler(2, 2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DistributedSampler(0, 0, 0));
    }
}
