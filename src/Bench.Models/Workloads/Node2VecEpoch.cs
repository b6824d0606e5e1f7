using System.Globalization;
using Trainer.Models.Node2Vec;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Bench.Models.Workloads;

/// <summary>
/// Issue 8 workload 3, Node2Vec against gensim: the stochastic block model of <see cref="Node2VecWorkload"/> (10 x 1000
/// nodes, p_in 0.02, p_out 0.0005, 10% of the edges held out), 10 walks of length 20 per node on the training graph,
/// window 5, 5 negatives, d = 64, one epoch of word2vec skip-gram SGD (<see cref="SkipGramSgd"/>, alpha 0.025 to
/// 0.0001, reduced window, no subsampling). One iteration of ours = walk generation + training; one iteration of the
/// peer (bench/python/node2vec_peer.py) = gensim Word2Vec(sg=1, hs=0, negative=5, window=5, vector_size=64, sample=0,
/// epochs=1) build_vocab + train on the SAME walks (written by <see cref="Setup"/> with
/// <see cref="SkipGramCorpus.WriteText"/>). Both use T = max(torch threads, BLAS threads) workers. The checksum is the
/// link-prediction AUC of the dot-product score e_u . e_v on the held-out edges against as many non-edges, so the
/// table's checksum note shows both AUCs (they differ by training noise, not by a bug). Files are shared through
/// <see cref="SharedDirectory"/>, a folder the peer finds from its parent's process id.
/// </summary>
[ModelWorkload(30)]
public sealed class Node2VecEpoch : Workload
{
    private readonly Node2VecWorkload _config;
    private readonly string _name;
    private EdgeSplit? _split;
    private SkipGramCorpus? _corpus;

    public Node2VecEpoch()
        : this(new Node2VecWorkload(), "node2vec")
    {
    }

    /// <summary>Another graph size (tests); the peer reads the sizes from the pairs file, whatever the name.</summary>
    internal Node2VecEpoch(Node2VecWorkload config, string name)
    {
        _config = config;
        _name = name;
    }

    /// <summary>A tiny instance: SBM 4 x 50 nodes, p_in 0.2, p_out 0.01, 10 walks per node, d = 16, 5 epochs.</summary>
    internal static Node2VecEpoch Tiny() => new(new Node2VecWorkload
    {
        Blocks = 4, BlockSize = 50, PIn = 0.2, POut = 0.01, Dim = 16, Epochs = 5,
        Walks = new WalkOptions { WalksPerNode = 10, WalkLength = 20, Window = 5 },
    }, "node2vec-tiny");

    /// <summary>The folder holding walks.txt and pairs.txt for the peer: $TMPDIR (else /tmp) / trainer-bench-node2vec-&lt;pid&gt;.</summary>
    public static string SharedDirectory =>
        Path.Combine(Environment.GetEnvironmentVariable("TMPDIR") is { Length: > 0 } t ? t : "/tmp",
            "trainer-bench-node2vec-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

    public override string Name => _name;

    public override string PeerScript => "node2vec_peer.py";

    public override string Description =>
        $"SBM {_config.Blocks}x{_config.BlockSize}, {_config.Walks.WalksPerNode} walks/node x {_config.Walks.WalkLength}, window {_config.Walks.Window}, " +
        $"{_config.Negatives} negatives, d {_config.Dim}, {_config.Epochs} epoch(s); ours: walks + SGD, peer: gensim build_vocab + train on the same walks; check = dot AUC";

    public override string Unit => "s/epoch";

    public override Target? Target => new(1.0, "issue 8: Node2Vec at least as fast as gensim (at equal or better AUC)");

    /// <summary>Walk generation alone, every round (part of ours' time).</summary>
    public override IReadOnlyList<(string Name, Func<long, double> Seconds)> Layers =>
        new (string, Func<long, double>)[] { ("walks only", WalkSeconds) };

    /// <summary>Workers of both sides: max(torch threads, BLAS threads).</summary>
    public static int Threads => Math.Max(get_num_threads(), Math.Max(1, Runtime.BlasThreads));

    public override void Setup()
    {
        (_split, _corpus, _) = Node2VecBenchmark.Prepare(_config);
        string dir = SharedDirectory;
        Directory.CreateDirectory(dir);
        _corpus.WriteText(Path.Combine(dir, "walks.txt"));
        WritePairs(Path.Combine(dir, "pairs.txt"), _split);
    }

    public override void Run(long iterations)
    {
        for (long i = 0; i < iterations; i++)
        {
            TrainOnce(Walk());
        }
    }

    /// <summary>The AUC of one training run on the walks written for the peer.</summary>
    public override double Checksum() => TrainOnce(_corpus!);

    public override double ToUnit(double secondsPerIteration) => secondsPerIteration;

    private double WalkSeconds(long iterations)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        for (long i = 0; i < iterations; i++)
        {
            Walk();
        }

        return System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private SkipGramCorpus Walk() =>
        SkipGramCorpus.FromGraph(_split!.Train, _config.Walks with { Threads = Threads }, _config.Seed);

    // One epoch on the corpus; returns the dot-product AUC.
    private double TrainOnce(SkipGramCorpus corpus)
    {
        manual_seed(_config.Seed);
        using var model = new SkipGramModel(new SkipGramConfig { NodeCount = corpus.NodeCount, Dim = _config.Dim, Negatives = _config.Negatives });
        SkipGramSgd.Train(model, corpus, new SkipGramSgdOptions { Epochs = _config.Epochs, Threads = Threads, Seed = _config.Seed, TrackLoss = false });
        using Tensor e = model.NodeEmbeddings();
        return LinkPrediction.DotAuc(e.data<float>(), _config.Dim, _split!);
    }

    // "nodes dim window negatives epochs" on the first line, then "u v 1" per held-out edge and "u v 0" per test non-edge.
    private void WritePairs(string path, EdgeSplit split)
    {
        using var w = new StreamWriter(path);
        w.WriteLine(FormattableString.Invariant($"{_corpus!.NodeCount} {_config.Dim} {_config.Walks.Window} {_config.Negatives} {_config.Epochs}"));
        Write(w, split.TestEdges, 1);
        Write(w, split.TestNonEdges, 0);
    }

    private static void Write(StreamWriter w, int[] pairs, int label)
    {
        for (int i = 0; i < pairs.Length; i += 2)
        {
            w.WriteLine(FormattableString.Invariant($"{pairs[i]} {pairs[i + 1]} {label}"));
        }
    }

    protected override void Dispose(bool disposing)
    {
        string dir = SharedDirectory;
        if (_corpus is not null && Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
