using Trainer.Data.Graphs;
using Trainer.Data.Randomness;
using Trainer.Models.Node2Vec;
using Xunit.Abstractions;

namespace Trainer.Models.Tests.Node2Vec;

/// <summary>
/// Quality against python3-gensim's skip-gram (Word2Vec sg=1, negative=5, sample=0) trained on the SAME walks: link
/// prediction AUC on held-out edges (dot-product score and Hadamard + logistic regression, both computed here the same
/// way for both embeddings) and community recovery (k-means ARI). Ours must be at least as good within noise.
/// </summary>
public sealed class GensimComparisonTests(ITestOutputHelper output)
{
    private const int Dim = 32;
    private const int Epochs = 5;
    private const double Tolerance = 0.03;
    private static readonly WalkOptions Walks = new() { WalksPerNode = 10, WalkLength = 20, Window = 5, Threads = 1 };

    [Fact]
    public void Karate_club_link_prediction_matches_gensim_on_the_same_walks()
    {
        if (Skip())
        {
            return;
        }

        Compare(Node2VecFixtures.Karate(), splits: 20, labels: Node2VecFixtures.KarateClubs(), communityTolerance: 0.1);
    }

    [Fact]
    public void Stochastic_block_model_link_prediction_and_communities_match_gensim()
    {
        if (Skip())
        {
            return;
        }

        int[] sizes = [40, 40, 40];
        Graph g = GraphFamilies.StochasticBlockModel(sizes, 0.25, 0.02, Rng.ForPurpose(11, "sbm"));
        Compare(g, splits: 3, labels: GraphFamilies.BlockLabels(sizes), communityTolerance: 0.05);
    }

    private void Compare(Graph graph, int splits, int[] labels, double communityTolerance)
    {
        using var dir = new ScratchDir();
        var ours = new List<float[]>();
        var jobs = new List<GensimJob>();
        var edgeSplits = new List<EdgeSplit>();
        for (int s = 0; s < splits; s++)
        {
            ulong seed = (ulong)(100 + s);
            EdgeSplit split = EdgeSplit.Make(graph, 0.15, seed);
            SkipGramCorpus corpus = SkipGramCorpus.FromGraph(split.Train, Walks, seed);
            string walks = dir.File($"walks{s}.txt");
            corpus.WriteText(walks);
            jobs.Add(new GensimJob(walks, dir.File($"gensim{s}.f32"), graph.NodeCount, Dim, Walks.Window, 5, Epochs, s + 1));
            edgeSplits.Add(split);
            using var model = new SkipGramModel(new SkipGramConfig { NodeCount = graph.NodeCount, Dim = Dim });
            SkipGramSgd.Train(model, corpus, new SkipGramSgdOptions { Epochs = Epochs, Threads = 1, Seed = seed });
            using var e = model.NodeEmbeddings();
            ours.Add(e.data<float>());
        }

        var theirs = Node2VecFixtures.RunGensim(jobs, dir.Path).Select(r => r.Embeddings).ToList();
        var (oursDot, oursHad, oursAri) = Scores(ours, edgeSplits, labels);
        var (gDot, gHad, gAri) = Scores(theirs, edgeSplits, labels);
        output.WriteLine($"dot AUC ours {oursDot:F3} gensim {gDot:F3}; hadamard AUC ours {oursHad:F3} gensim {gHad:F3}; ARI ours {oursAri:F3} gensim {gAri:F3}");
        Assert.True(oursDot >= gDot - Tolerance, $"dot-product AUC {oursDot:F3} < gensim {gDot:F3} - {Tolerance}");
        Assert.True(oursHad >= gHad - Tolerance, $"Hadamard AUC {oursHad:F3} < gensim {gHad:F3} - {Tolerance}");
        Assert.True(oursAri >= gAri - communityTolerance, $"community ARI {oursAri:F3} < gensim {gAri:F3} - {communityTolerance}");
        Assert.True(oursDot > 0.6, $"dot-product AUC {oursDot:F3} is barely above chance");
    }

    // Mean over splits of the dot AUC, the Hadamard AUC and the k-means ARI.
    private static (double Dot, double Hadamard, double Ari) Scores(List<float[]> embeddings, List<EdgeSplit> splits, int[] labels)
    {
        double dot = 0, had = 0, ari = 0;
        for (int s = 0; s < splits.Count; s++)
        {
            dot += LinkPrediction.DotAuc(embeddings[s], Dim, splits[s]) / splits.Count;
            had += LinkPrediction.HadamardAuc(embeddings[s], Dim, splits[s]) / splits.Count;
            ari += CommunityRecovery.Ari(embeddings[s], Dim, labels, (ulong)s) / splits.Count;
        }

        return (dot, had, ari);
    }

    private static bool Skip()
    {
        if (Node2VecFixtures.GensimMissing is { } why)
        {
            Console.Error.WriteLine("SKIPPED (gensim comparison): " + why);
            return true;
        }

        return false;
    }
}
