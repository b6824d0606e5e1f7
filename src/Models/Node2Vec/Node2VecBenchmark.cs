using System.Diagnostics;
using Trainer.Data.Graphs;
using Trainer.Data.Randomness;
using Trainer.Torch;

namespace Trainer.Models.Node2Vec;

/// <summary>
/// The canonical Node2Vec workload (issue 8, workload 3): a stochastic block model of <see cref="Blocks"/> x
/// <see cref="BlockSize"/> nodes, 10 walks of length 20 per node, window 5, 5 negatives, d = 64, one epoch; 10% of the
/// edges held out for the link-prediction AUC (dot-product score).
/// </summary>
public sealed record Node2VecWorkload
{
    public int Blocks { get; init; } = 10;

    public int BlockSize { get; init; } = 1000;

    public double PIn { get; init; } = 0.02;

    public double POut { get; init; } = 0.0005;

    public WalkOptions Walks { get; init; } = new() { WalksPerNode = 10, WalkLength = 20, Window = 5 };

    public int Dim { get; init; } = 64;

    public int Negatives { get; init; } = 5;

    public int Epochs { get; init; } = 1;

    public double TestFraction { get; init; } = 0.1;

    public ulong Seed { get; init; } = 1;
}

/// <summary>Figures of one run of the workload.</summary>
/// <param name="WalkSeconds">Walk generation (alias tables included).</param>
/// <param name="TrainSeconds">Training wall time.</param>
/// <param name="TrainCpuSeconds">Process CPU time spent training.</param>
/// <param name="Pairs">(centre, context) pairs trained.</param>
/// <param name="Auc">Link-prediction AUC (dot product) on the held-out edges.</param>
public sealed record Node2VecBenchmarkResult(double WalkSeconds, double TrainSeconds, double TrainCpuSeconds, long Pairs, double Auc)
{
    public double PairsPerSecond => Pairs / TrainSeconds;
}

/// <summary>
/// Runs the Node2Vec workload with our fast path (<see cref="SkipGramSgd"/>). <see cref="Prepare"/> builds the graph,
/// split and walks once; the walks can be written (<see cref="SkipGramCorpus.WriteText"/>) for the gensim peer,
/// tests/fixtures/node2vec/gensim_skipgram.py, so both train on the same walks.
/// </summary>
public static class Node2VecBenchmark
{
    /// <summary>The graph, the held-out split and the walks on the training graph, with the walk time.</summary>
    public static (EdgeSplit Split, SkipGramCorpus Corpus, double WalkSeconds) Prepare(Node2VecWorkload w)
    {
        Graph g = GraphFamilies.StochasticBlockModel(Enumerable.Repeat(w.BlockSize, w.Blocks).ToArray(), w.PIn, w.POut, Rng.ForPurpose(w.Seed, "sbm"));
        EdgeSplit split = EdgeSplit.Make(g, w.TestFraction, w.Seed);
        var clock = Stopwatch.StartNew();
        SkipGramCorpus corpus = SkipGramCorpus.FromGraph(split.Train, w.Walks, w.Seed);
        return (split, corpus, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Trains one model with word2vec SGD on the prepared walks and scores it.</summary>
    public static Node2VecBenchmarkResult Train(Node2VecWorkload w, EdgeSplit split, SkipGramCorpus corpus, double walkSeconds, int threads = 0)
    {
        using var model = new SkipGramModel(new SkipGramConfig { NodeCount = corpus.NodeCount, Dim = w.Dim, Negatives = w.Negatives });
        TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        SkipGramTrainResult r = SkipGramSgd.Train(model, corpus, new SkipGramSgdOptions { Epochs = w.Epochs, Threads = threads, Seed = w.Seed });
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        using Tensor e = model.NodeEmbeddings();
        double auc = LinkPrediction.DotAuc(e.data<float>(), w.Dim, split);
        return new Node2VecBenchmarkResult(walkSeconds, r.Seconds, cpu, r.Pairs, auc);
    }
}
