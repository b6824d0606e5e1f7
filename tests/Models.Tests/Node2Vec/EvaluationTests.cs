using Trainer.Data.Graphs;
using Trainer.Data.Randomness;
using Trainer.Models.Node2Vec;

namespace Trainer.Models.Tests.Node2Vec;

public sealed class EvaluationTests
{
    [Fact]
    public void Auc_equals_the_pairwise_count_with_ties_and_sklearn()
    {
        // sklearn.metrics.roc_auc_score([1,1,0,0,1,0,0], [0.9,0.5,0.5,0.1,0.7,0.7,0.3]) = 0.8333333333333333
        Assert.Equal(0.8333333333333333, LinkPrediction.Auc([0.9, 0.5, 0.7], [0.5, 0.1, 0.7, 0.3]), 12);

        var rng = new Rng(3);
        double[] pos = Enumerable.Range(0, 40).Select(_ => Math.Round(rng.NextDouble() * 5)).ToArray();
        double[] neg = Enumerable.Range(0, 30).Select(_ => Math.Round(rng.NextDouble() * 4)).ToArray();
        double wins = 0;
        foreach (double p in pos)
        {
            foreach (double q in neg)
            {
                wins += p > q ? 1 : p == q ? 0.5 : 0;
            }
        }

        Assert.Equal(wins / (pos.Length * neg.Length), LinkPrediction.Auc(pos, neg), 12);
    }

    [Fact]
    public void Adjusted_rand_index_matches_sklearn()
    {
        // sklearn.metrics.adjusted_rand_score on the same labelings: 0.4444444444444444 and 0.047619047619047616.
        Assert.Equal(0.4444444444444444, CommunityRecovery.AdjustedRandIndex([0, 0, 1, 1, 2, 2], [0, 0, 1, 2, 2, 2]), 12);
        Assert.Equal(0.047619047619047616, CommunityRecovery.AdjustedRandIndex([0, 0, 0, 1, 1, 1, 2, 2], [1, 1, 0, 0, 2, 2, 2, 0]), 12);
        Assert.Equal(1.0, CommunityRecovery.AdjustedRandIndex([0, 0, 1, 2], [2, 2, 0, 1]), 12);
    }

    [Fact]
    public void KMeans_recovers_well_separated_clusters()
    {
        var rng = new Rng(8);
        int[] labels = Enumerable.Range(0, 60).Select(i => i % 3).ToArray();
        float[] x = labels.SelectMany(l => Enumerable.Range(0, 4).Select(k => (float)((k == l ? 5 : 0) + rng.NextNormal() * 0.3))).ToArray();
        Assert.Equal(1.0, CommunityRecovery.Ari(x, 4, labels, seed: 1, normalise: false), 12);
    }

    [Fact]
    public void Edge_split_holds_out_edges_and_draws_true_non_edges()
    {
        Graph g = GraphFamilies.ErdosRenyi(60, 0.1, new Rng(2));
        EdgeSplit s = EdgeSplit.Make(g, 0.2, seed: 5);
        long m = g.EdgeCount;
        Assert.Equal(Math.Round(0.2 * m), s.TestEdges.Length / 2);
        Assert.Equal(m - s.TestEdges.Length / 2, s.Train.EdgeCount);
        for (int i = 0; i < s.TestEdges.Length; i += 2)
        {
            Assert.True(g.HasEdge(s.TestEdges[i], s.TestEdges[i + 1]));
            Assert.False(s.Train.HasEdge(s.TestEdges[i], s.TestEdges[i + 1]));
        }

        int[] all = [.. s.TrainNonEdges, .. s.TestNonEdges];
        var keys = new HashSet<(int, int)>();
        for (int i = 0; i < all.Length; i += 2)
        {
            Assert.NotEqual(all[i], all[i + 1]);
            Assert.False(g.HasEdge(all[i], all[i + 1]));
            Assert.True(keys.Add((all[i], all[i + 1])), "non-edges are distinct");
        }

        Assert.Equal(s.TestEdges.Length, s.TestNonEdges.Length);
        Assert.Equal(s.TrainEdges.Length, s.TrainNonEdges.Length);
    }

    [Fact]
    public void Hadamard_logistic_regression_separates_an_easy_link_problem()
    {
        // Two cliques of 10 joined by nothing: same-clique pairs are edges. One-hot-ish community embeddings make
        // e_u * e_v large exactly for edges, so both scores should be near perfect.
        var pairs = new List<int>();
        for (int u = 0; u < 20; u++)
        {
            for (int v = u + 1; v < 20; v++)
            {
                if (u / 10 == v / 10)
                {
                    pairs.AddRange([u, v]);
                }
            }
        }

        Graph g = GraphBuilder.FromEdgeArray(20, pairs.ToArray(), directed: false);
        float[] e = Enumerable.Range(0, 20).SelectMany(u => u < 10 ? new[] { 1f, 0.1f * (u % 3) } : new[] { 0.1f * (u % 3), 1f }).ToArray();
        EdgeSplit s = EdgeSplit.Make(g, 0.2, seed: 3);
        Assert.True(LinkPrediction.HadamardAuc(e, 2, s) > 0.95);
        Assert.True(LinkPrediction.DotAuc(e, 2, s) > 0.95);
    }
}
