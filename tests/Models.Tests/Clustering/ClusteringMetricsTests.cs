using Trainer.Data.Randomness;
using Trainer.Models.Clustering;

namespace Trainer.Models.Tests.Clustering;

public sealed class ClusteringMetricsTests
{
    /// <summary>Fixed label vectors: permutations, merges, splits, limit cases and random noise.</summary>
    private static List<(int[] Truth, int[] Pred)> Pairs()
    {
        var rng = new Rng(7);
        int[] truth60 = Enumerable.Range(0, 60).Select(i => i % 4).ToArray();
        int[] noisy = truth60.Select(l => rng.NextDouble() < 0.3 ? rng.NextInt(5) : l).ToArray();
        int[] random = Enumerable.Range(0, 60).Select(_ => rng.NextInt(3)).ToArray();
        return
        [
            ([0, 0, 1, 1, 2, 2], [5, 5, 3, 3, 9, 9]),
            ([0, 0, 1, 1, 2, 2], [0, 0, 0, 1, 1, 1]),
            ([0, 0, 0, 1, 1, 1], [0, 1, 2, 3, 4, 5]),
            ([0, 1, 2, 3, 4, 5], [0, 1, 2, 3, 4, 5]),
            ([0, 0, 0, 0], [1, 1, 1, 1]),
            ([0, 0, 0, 0], [0, 1, 0, 1]),
            ([0, 0, 1, 2, 2, 2, 3], [1, 1, 1, 0, 0, 2, 2]),
            (truth60, noisy),
            (truth60, random),
            (random, noisy),
        ];
    }

    [Fact]
    public void Ari_and_nmi_match_sklearn_on_fixed_label_vectors()
    {
        if (ClusteringReference.Skip())
        {
            return;
        }

        var pairs = Pairs();
        var reference = ClusteringReference.Ask(new { task = "metrics", pairs = pairs.Select(p => new[] { p.Truth, p.Pred }) });
        double[] ari = ClusteringReference.Doubles(reference.GetProperty("ari"));
        var averages = new (NmiAverage Kind, string Name)[]
        {
            (NmiAverage.Arithmetic, "arithmetic"), (NmiAverage.Geometric, "geometric"), (NmiAverage.Min, "min"), (NmiAverage.Max, "max"),
        };
        for (int i = 0; i < pairs.Count; i++)
        {
            Assert.Equal(ari[i], ClusteringMetrics.AdjustedRandIndex(pairs[i].Truth, pairs[i].Pred), 12);
            foreach (var (kind, name) in averages)
            {
                double expected = reference.GetProperty("nmi").GetProperty(name)[i].GetDouble();
                Assert.Equal(expected, ClusteringMetrics.NormalizedMutualInfo(pairs[i].Truth, pairs[i].Pred, kind), 12);
            }
        }
    }

    [Fact]
    public void Ari_matches_the_hand_computed_pair_counts()
    {
        // truth {0,0,1,1}, pred {0,1,1,1}: n_ij = [[1,1],[0,2]]; tp = 1, rows C(2,2)+C(2,2) = 2, cols C(1,2)+C(3,2) = 3,
        // fp = 2, fn = 1, tn = 6 - 4 = 2; ARI = 2 (1*2 - 1*2) / (...) = 0.
        Assert.Equal(0.0, ClusteringMetrics.AdjustedRandIndex([0, 0, 1, 1], [0, 1, 1, 1]), 12);
        // MI of two identical balanced 2-labelings is log 2 nats.
        Assert.Equal(Math.Log(2), ClusteringMetrics.MutualInfo([0, 0, 1, 1], [3, 3, 7, 7]), 12);
    }

    [Fact]
    public void Metrics_ignore_label_names_and_are_symmetric()
    {
        var (truth, pred) = Pairs()[7];
        int[] renamed = pred.Select(l => (l * 7) + 100).ToArray();
        Assert.Equal(ClusteringMetrics.AdjustedRandIndex(truth, pred), ClusteringMetrics.AdjustedRandIndex(truth, renamed), 12);
        Assert.Equal(ClusteringMetrics.AdjustedRandIndex(truth, pred), ClusteringMetrics.AdjustedRandIndex(pred, truth), 12);
        Assert.Equal(ClusteringMetrics.NormalizedMutualInfo(truth, pred), ClusteringMetrics.NormalizedMutualInfo(pred, truth), 12);
        Assert.Throws<ArgumentException>(() => ClusteringMetrics.AdjustedRandIndex([0, 1], [0]));
    }
}
