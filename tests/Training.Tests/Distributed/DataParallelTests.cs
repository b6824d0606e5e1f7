using Trainer.Models.Core;
using Trainer.Torch;
using Trainer.Training.Distributed;
using static Trainer.Torch.torch;

namespace Trainer.Training.Tests.Distributed;

/// <summary>
/// <see cref="DistributedDataParallel"/> on two ranks (threads) against one process on the whole batch: the
/// reference is plain autograd on the global batch of the same weights.
/// </summary>
public class DataParallelTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Averaged_shard_gradients_equal_the_full_batch_gradient(bool sparse)
    {
        if (Ranks.Unavailable())
        {
            return;
        }

        var results = Ranks.Run(2, pg =>
        {
            var model = new ToyRegression(shift: pg.Rank, sparse); // different weights until broadcast
            using var ddp = new DistributedDataParallel(pg, bucketCapBytes: 16); // several buckets
            ddp.BroadcastState(model.Module);
            var data = new ShardedBatchSource(new ToyBatches(), new DistributedSampler(2, pg.Rank, seed: 3));
            using Batch shard = data.Train(1);
            Tensor loss = model.Loss(shard);
            loss.backward();
            double mean = ddp.Synchronize(model.Module, loss.item<double>());
            return (model.Grads(), mean);
        });

        var reference = new ToyRegression(shift: 0, sparse);
        using Batch full = new ToyBatches().Train(1);
        Tensor refLoss = reference.Loss(full);
        refLoss.backward();
        var expected = reference.Grads();

        foreach (var (grads, mean) in results)
        {
            Assert.Equal(refLoss.item<double>(), mean, 5);
            foreach (string name in new[] { "w", "b", "c", "table" })
            {
                Assert.Equal(expected[name]!.Length, grads[name]!.Length);
                for (int i = 0; i < expected[name]!.Length; i++)
                {
                    Assert.True(Math.Abs(expected[name]![i] - grads[name]![i]) < 1e-5, $"{name}[{i}]: {grads[name]![i]} vs {expected[name]![i]}");
                }
            }

            Assert.Null(grads["never"]);
        }
    }

    [Fact]
    public void A_parameter_unused_on_one_rank_gets_the_other_ranks_gradient_over_the_world_size()
    {
        if (Ranks.Unavailable())
        {
            return;
        }

        var results = Ranks.Run(2, pg =>
        {
            var model = new ToyRegression { UseC = pg.Rank == 0 };
            using var ddp = new DistributedDataParallel(pg);
            using Batch batch = new ToyBatches().Train(0);
            Tensor loss = model.Loss(batch);
            loss.backward();
            float local = model.Grads()["c"]?[0] ?? float.NaN;
            ddp.Synchronize(model.Module, loss.item<double>());
            return (local, synced: model.Grads()["c"]![0]);
        });

        Assert.True(float.IsNaN(results[1].local), "rank 1 should have no gradient for c before the sync");
        Assert.All(results, r => Assert.Equal(results[0].local / 2, r.synced, 6));
    }

    [Fact]
    public void A_stop_asked_by_one_rank_cancels_every_rank_after_the_same_step()
    {
        if (Ranks.Unavailable())
        {
            return;
        }

        int[] stoppedAfter = Ranks.Run(2, pg =>
        {
            var model = new ToyRegression();
            int calls = 0;
            using var ddp = new DistributedDataParallel(pg) { LocalStop = () => pg.Rank == 1 && calls == 3 };
            while (!ddp.StopToken.IsCancellationRequested)
            {
                calls++;
                using var scope = NewDisposeScope();
                using Batch batch = new ToyBatches().Train(calls);
                model.Module.zero_grad();
                Tensor loss = model.Loss(batch);
                loss.backward();
                ddp.Synchronize(model.Module, loss.item<double>());
            }

            return calls;
        });

        Assert.Equal(new[] { 3, 3 }, stoppedAfter);
    }

    [Fact]
    public void Ranks_at_different_steps_are_refused()
    {
        if (Ranks.Unavailable())
        {
            return;
        }

        string[] messages = Ranks.Run(2, pg =>
        {
            using var ddp = new DistributedDataParallel(pg);
            return Assert.Throws<InvalidOperationException>(() => ddp.CheckSameStep(10 + pg.Rank)).Message;
        });

        Assert.All(messages, m => Assert.Contains("different steps (10, 11)", m));
    }
}
