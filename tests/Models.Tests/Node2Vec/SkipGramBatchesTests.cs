using Trainer.Data.Walks;
using Trainer.Models.Core;
using Trainer.Models.Node2Vec;

namespace Trainer.Models.Tests.Node2Vec;

public sealed class SkipGramBatchesTests
{
    private static readonly int[] Pairs = Enumerable.Range(0, 50).SelectMany(i => new[] { i % 7, (i * 3 + 1) % 7 }).ToArray();
    private static readonly NegativeSampler Sampler = new(new long[] { 5, 4, 3, 2, 1, 1, 1 });

    [Fact]
    public void Batches_are_a_pure_function_of_seed_and_step()
    {
        var a = new SkipGramBatches(Pairs, Sampler, 3, 8, seed: 9);
        var b = new SkipGramBatches(Pairs, Sampler, 3, 8, seed: 9);
        using Batch late = a.Train(11); // a visits a later epoch first
        using Batch first = a.Train(2);
        using Batch again = b.Train(2);
        Assert.Equal(first.Input.data<long>(), again.Input.data<long>());
        Assert.Equal(first.Target!.data<long>(), again.Target!.data<long>());
        Assert.Equal(first[SkipGramModel.NegativesKey].data<long>(), again[SkipGramModel.NegativesKey].data<long>());
        Assert.Equal(new long[] { 8, 3 }, first[SkipGramModel.NegativesKey].shape);
    }

    [Fact]
    public void An_epoch_visits_every_pair_once_in_a_new_order()
    {
        var source = new SkipGramBatches(Pairs, Sampler, 2, 8, seed: 4);
        Assert.Equal(7, source.StepsPerEpoch); // 50 pairs, batches of 8: 6 full and one of 2
        var seen = new List<(long, long)>();
        var order0 = new List<long>();
        for (long s = 0; s < source.StepsPerEpoch; s++)
        {
            using Batch batch = source.Train(s);
            long[] c = batch.Input.data<long>(), t = batch.Target!.data<long>();
            seen.AddRange(c.Zip(t));
            order0.AddRange(c);
        }

        var expected = Enumerable.Range(0, 50).Select(i => ((long)Pairs[2 * i], (long)Pairs[2 * i + 1])).ToList();
        Assert.Equal(expected.OrderBy(p => p).ToList(), seen.OrderBy(p => p).ToList());
        using Batch nextEpoch = source.Train(source.StepsPerEpoch);
        Assert.NotEqual(order0.Take(8).ToArray(), nextEpoch.Input.data<long>());
    }
}
