using System.Diagnostics;
using Trainer.Torch.Distributed;
using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.Distributed;

/// <summary>Collectives of the Gloo process group, two or three ranks on loopback (threads of this process).</summary>
public class CollectiveTests
{
    [Fact]
    public void All_reduce_sum_gives_every_rank_the_sum_over_ranks()
    {
        if (DistHarness.Unavailable())
        {
            return;
        }

        const int w = 3;
        float[][] got = DistHarness.RunRanks(w, pg =>
        {
            Tensor x = arange(6, ScalarType.Float32).mul(pg.Rank + 1).add(pg.Rank);
            pg.all_reduce(x);
            return x.data<float>();
        });

        // sum_r (i (r+1) + r) = i W(W+1)/2 + W(W-1)/2
        float[] expected = Enumerable.Range(0, 6).Select(i => (float)(i * w * (w + 1) / 2 + w * (w - 1) / 2)).ToArray();
        Assert.All(got, g => Assert.Equal(expected, g));
    }

    [Fact]
    public void All_reduce_average_divides_the_sum_by_the_world_size()
    {
        if (DistHarness.Unavailable())
        {
            return;
        }

        double[][] got = DistHarness.RunRanks(2, pg =>
        {
            Tensor x = tensor(new double[] { pg.Rank == 0 ? 1.0 : 4.0, -2.0 * pg.Rank });
            pg.all_reduce(x, ReduceOp.Avg);
            return x.data<double>();
        });

        Assert.All(got, g => Assert.Equal(new[] { 2.5, -1.0 }, g));
    }

    [Fact]
    public void Max_min_and_product_reduce_elementwise()
    {
        if (DistHarness.Unavailable())
        {
            return;
        }

        var got = DistHarness.RunRanks(2, pg =>
        {
            float[] v = pg.Rank == 0 ? new[] { 1f, 5f } : new[] { 3f, 2f };
            Tensor max = tensor(v), min = tensor(v), prod = tensor(v);
            pg.all_reduce(max, ReduceOp.Max);
            pg.all_reduce(min, ReduceOp.Min);
            pg.all_reduce(prod, ReduceOp.Product);
            return (max.data<float>(), min.data<float>(), prod.data<float>());
        });

        Assert.All(got, g =>
        {
            Assert.Equal(new[] { 3f, 5f }, g.Item1);
            Assert.Equal(new[] { 1f, 2f }, g.Item2);
            Assert.Equal(new[] { 3f, 10f }, g.Item3);
        });
    }

    [Fact]
    public void Average_of_an_integer_tensor_is_refused_with_a_message()
    {
        if (DistHarness.Unavailable())
        {
            return;
        }

        string[] got = DistHarness.RunRanks(2, pg =>
        {
            var e = Assert.Throws<TorchException>(() => pg.all_reduce(tensor(new long[] { 1, 2 }), ReduceOp.Avg));
            pg.barrier(); // the group is still usable afterwards
            return e.Message;
        });

        Assert.All(got, m => Assert.Contains("floating-point", m));
    }

    [Fact]
    public void Async_all_reduce_of_several_tensors_completes_on_wait()
    {
        if (DistHarness.Unavailable())
        {
            return;
        }

        var got = DistHarness.RunRanks(2, pg =>
        {
            Tensor a = full(new long[] { 1000 }, pg.Rank + 1.0);
            Tensor b = full(new long[] { 3 }, 10.0 * pg.Rank);
            using Work work = pg.all_reduce_async(new[] { a, b }, ReduceOp.Avg);
            work.wait();
            return (a.data<float>().Distinct().Single(), b.data<float>().Distinct().Single());
        });

        Assert.All(got, g => Assert.Equal((1.5f, 5f), g));
    }

    [Fact]
    public void Broadcast_copies_the_source_ranks_tensor_to_all()
    {
        if (DistHarness.Unavailable())
        {
            return;
        }

        float[][] got = DistHarness.RunRanks(3, pg =>
        {
            Tensor x = full(new long[] { 2, 2 }, 100.0 + pg.Rank);
            pg.broadcast(x, src: 2);
            return x.data<float>();
        });

        Assert.All(got, g => Assert.Equal(new[] { 102f, 102f, 102f, 102f }, g));
    }

    [Fact]
    public void All_gather_returns_each_ranks_tensor_in_rank_order()
    {
        if (DistHarness.Unavailable())
        {
            return;
        }

        long[][][] got = DistHarness.RunRanks(3, pg =>
            pg.all_gather(tensor(new long[] { pg.Rank, 10L * pg.Rank })).Select(t => t.data<long>()).ToArray());

        Assert.All(got, g => Assert.Equal(new[] { new[] { 0L, 0L }, new[] { 1L, 10L }, new[] { 2L, 20L } }, g));
    }

    [Fact]
    public void Barrier_holds_every_rank_until_the_slowest_arrives()
    {
        if (DistHarness.Unavailable())
        {
            return;
        }

        double[] waited = DistHarness.RunRanks(2, pg =>
        {
            if (pg.Rank == 1)
            {
                Thread.Sleep(300);
            }

            var sw = Stopwatch.StartNew();
            pg.barrier();
            return sw.Elapsed.TotalMilliseconds;
        });

        Assert.True(waited[0] > 200, $"rank 0 left the barrier after {waited[0]:F0} ms");
    }

    [Fact]
    public void Store_shares_values_and_counters_between_ranks()
    {
        if (DistHarness.Unavailable())
        {
            return;
        }

        var got = DistHarness.RunRanks(2, pg =>
        {
            pg.Store.set($"hello/{pg.Rank}", $"from rank {pg.Rank}");
            long count = pg.Store.add("counter", 5);
            pg.barrier();
            string other = pg.Store.get_string($"hello/{1 - pg.Rank}");
            bool both = pg.Store.check(new[] { "hello/0", "hello/1" });
            pg.barrier();
            return (other, count, both, total: pg.Store.add("counter", 0));
        });

        Assert.Equal("from rank 1", got[0].other);
        Assert.Equal("from rank 0", got[1].other);
        Assert.Equal(new[] { 5L, 10L }, got.Select(g => g.count).Order());
        Assert.All(got, g => Assert.True(g.both && g.total == 10));
    }

    [Fact]
    public void A_rank_that_never_joins_fails_the_rendezvous_within_the_timeout()
    {
        if (DistHarness.Unavailable())
        {
            return;
        }

        int port = DistHarness.FreePort();
        var sw = Stopwatch.StartNew();
        var e = Assert.Throws<TorchException>(() =>
            ProcessGroup.init_process_group($"tcp://127.0.0.1:{port}", 0, 2, DistHarness.Options(2)));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(15), $"took {sw.Elapsed}");
        Assert.Contains("rendezvous", e.Message);
    }

    [Fact]
    public void A_collective_that_a_live_peer_never_joins_times_out_with_the_operation_named()
    {
        if (DistHarness.Unavailable())
        {
            return;
        }

        string?[] got = DistHarness.RunRanks(2, pg =>
        {
            string? message = null;
            if (pg.Rank == 0)
            {
                var sw = Stopwatch.StartNew();
                var e = Assert.Throws<TorchException>(() => pg.all_reduce(ones(4), timeout: TimeSpan.FromSeconds(2)));
                Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"all_reduce took {sw.Elapsed} to fail");
                message = e.Message;
                pg.Store.set("done", "1");
            }
            else
            {
                pg.Store.get("done"); // alive, but not in the collective
            }

            return message;
        }, timeoutSeconds: 8);

        Assert.Contains("all_reduce failed on rank 0 of 2", got[0]);
    }

    [Fact]
    public void Bad_init_methods_are_rejected_with_the_expected_forms()
    {
        var e = Assert.Throws<ArgumentException>(() => ProcessGroup.init_process_group("udp://x:1", 0, 1));
        Assert.Contains("tcp://host:port or env://", e.Message);
        e = Assert.Throws<ArgumentException>(() => ProcessGroup.init_process_group("tcp://127.0.0.1:1234", 2, 2));
        Assert.Contains("0 <= rank < world_size", e.Message);
    }
}
