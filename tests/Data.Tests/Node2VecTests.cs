using MathNet.Numerics.Distributions;
using Trainer.Data.Graphs;
using Trainer.Data.Randomness;
using Trainer.Data.Walks;

namespace Trainer.Data.Tests;

public class Node2VecTests
{
    // Two weighted triangles (0 1 2) and (3 4 5) joined by 2-3 and 1-4, plus a pendant 6: returns, common
    // neighbours and outward moves all occur.
    private static readonly (int U, int V, float W)[] Edges =
    [
        (0, 1, 1f), (1, 2, 2f), (2, 0, 1f), (2, 3, 0.5f), (3, 4, 3f), (4, 5, 1f), (5, 3, 1f), (1, 4, 1.5f), (5, 6, 2f),
    ];

    private static Graph WeightedGraph() =>
        GraphBuilder.FromEdges(7, Edges.Select(e => e.U).ToArray(), Edges.Select(e => e.V).ToArray(), directed: false, Edges.Select(e => e.W).ToArray());

    // The node2vec law written out from the definition, independently of the walker's tables.
    private static double Weight(int u, int v) =>
        Edges.Where(e => (e.U == u && e.V == v) || (e.U == v && e.V == u)).Sum(e => (double)e.W);

    private static double[] ExactNext(int t, int v, double p, double q)
    {
        var w = new double[7];
        for (int x = 0; x < 7; x++)
        {
            double wvx = Weight(v, x);
            if (wvx == 0)
            {
                continue;
            }
            w[x] = t < 0 ? wvx : x == t ? wvx / p : Weight(t, x) > 0 ? wvx : wvx / q;
        }
        double total = w.Sum();
        return w.Select(x => x / total).ToArray();
    }

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(0.25, 4.0)]
    [InlineData(4.0, 0.5)]
    [InlineData(2.0, 2.0)]
    public void Walks_follow_the_exact_second_order_transition_probabilities(double p, double q)
    {
        var walker = new Node2VecWalker(WeightedGraph(), p, q, threads: 2);
        int[] walks = walker.Walks(walksPerNode: 1500, walkLength: 12, seed: 21, threads: 2);
        var counts = new Dictionary<(int, int), long[]>();
        var first = new long[7, 7];
        for (int w = 0; w < walks.Length / 12; w++)
        {
            int row = w * 12;
            first[walks[row], walks[row + 1]]++;
            for (int i = 2; i < 12; i++)
            {
                var key = (walks[row + i - 2], walks[row + i - 1]);
                if (!counts.TryGetValue(key, out var c))
                {
                    counts[key] = c = new long[7];
                }
                c[walks[row + i]]++;
            }
        }
        // One chi-square statistic over all contexts (t, v) and first steps, with the summed degrees of freedom.
        double stat = 0;
        int df = 0;
        void Add(long[] observed, double[] probs)
        {
            double n = observed.Sum();
            for (int x = 0; x < 7; x++)
            {
                if (probs[x] == 0)
                {
                    Assert.Equal(0, observed[x]);
                    continue;
                }
                double e = probs[x] * n;
                stat += (observed[x] - e) * (observed[x] - e) / e;
                df++;
            }
            df--;
        }
        foreach (var ((t, v), observed) in counts)
        {
            Add(observed, ExactNext(t, v, p, q));
        }
        for (int s = 0; s < 7; s++)
        {
            Add(Enumerable.Range(0, 7).Select(x => first[s, x]).ToArray(), ExactNext(-1, s, p, q));
        }
        Assert.Equal(2 * 9 + 7, counts.Count + 7); // every arc (t, v) occurred as a context
        Assert.True(1 - ChiSquared.CDF(df, stat) > 1e-4, $"chi-square {stat:F1} on {df} degrees of freedom");
        Assert.Equal(ExactNext(0, 2, p, q)[3], walker.TransitionProbability(0, 2, 3), 1e-12);
    }

    [Fact]
    public void Walks_are_identical_for_any_thread_count()
    {
        var g = GraphFamilies.ErdosRenyi(3000, 0.003, new Rng(1));
        foreach (var (p, q) in new[] { (1.0, 1.0), (0.5, 2.0) })
        {
            var a = new Node2VecWalker(g, p, q, threads: 1).Walks(2, 20, 5, threads: 1);
            var b = new Node2VecWalker(g, p, q, threads: 3).Walks(2, 20, 5, threads: 3);
            Assert.Equal(a, b);
            Assert.NotEqual(a, new Node2VecWalker(g, p, q).Walks(2, 20, 6));
        }
    }

    [Fact]
    public void Walks_stop_at_dead_ends_and_every_step_is_an_arc()
    {
        var g = GraphBuilder.FromEdges(4, [0, 1, 2], [1, 2, 3], directed: true);
        var walks = new Node2VecWalker(g, 0.5, 2).Walks(1, 6, 3, shuffleStarts: false);
        Assert.Equal([0, 1, 2, 3, -1, -1], walks[..6]);
        Assert.Equal([3, -1, -1, -1, -1, -1], walks[18..]);
        var er = GraphFamilies.ErdosRenyi(500, 0.01, new Rng(2));
        var w = new Node2VecWalker(er, 2, 0.5).Walks(1, 30, 4);
        for (int i = 0; i < w.Length; i++)
        {
            if (i % 30 > 0 && w[i] >= 0)
            {
                Assert.True(er.HasEdge(w[i - 1], w[i]));
            }
        }
    }

    [Fact]
    public void Alias_memory_is_eight_bytes_per_second_order_entry_plus_offsets()
    {
        var g = GraphFamilies.Grid(5, 5);
        long entries = Enumerable.Range(0, 25).Sum(v => (long)g.Degree(v) * g.Degree(v));
        Assert.Equal(8 * entries + 8 * (g.SlotCount + 1), new Node2VecWalker(g, 2, 3).AliasBytes);
        Assert.Equal(0, new Node2VecWalker(g).AliasBytes);
    }

    [Fact]
    public void Context_windows_pair_each_node_with_its_neighbours_in_the_walk()
    {
        int[] walks = [3, 5, 2, -1, 7, 8, 9, 4];
        int[] pairs = SkipGram.Pairs(walks, 4, 1);
        Assert.Equal([3, 5, 5, 3, 5, 2, 2, 5, 7, 8, 8, 7, 8, 9, 9, 8, 9, 4, 4, 9], pairs);
        // Brute-force count for a longer walk and wider window.
        int brute = 0;
        for (int i = 0; i < 80; i++)
        {
            for (int j = 0; j < 80; j++)
            {
                brute += i != j && Math.Abs(i - j) <= 5 ? 1 : 0;
            }
        }
        Assert.Equal(brute, SkipGram.PairCount(80, 5));
    }

    [Fact]
    public void Negatives_follow_unigram_to_the_three_quarters_or_uniform()
    {
        long[] counts = [16, 1, 0, 81];
        var sampler = new NegativeSampler(counts);
        double[] expected = [8 / 36.0, 1 / 36.0, 0, 27 / 36.0];
        Assert.Equal(expected, sampler.Probabilities, new DoubleTolerance(1e-12));
        int[] draws = sampler.Sample(50_000, 2, 9, threads: 2);
        Assert.Equal(draws, sampler.Sample(50_000, 2, 9, threads: 1));
        var histogram = new long[4];
        foreach (int d in draws)
        {
            histogram[d]++;
        }
        Assert.Equal(0, histogram[2]);
        Assert.True(Stats.ChiSquarePValue(histogram, expected) > 1e-4);
        var uniform = new NegativeSampler(counts, NegativeDistribution.Uniform);
        Assert.All(uniform.Probabilities, p => Assert.Equal(0.25, p));
    }

    private sealed class DoubleTolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
