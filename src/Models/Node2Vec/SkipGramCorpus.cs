using System.Globalization;
using System.Text;
using Trainer.Data.Graphs;
using Trainer.Data.Walks;

namespace Trainer.Models.Node2Vec;

/// <summary>How walks are drawn and windowed (node2vec's p, q; word2vec's window and unigram power).</summary>
public sealed record WalkOptions
{
    /// <summary>Return parameter p.</summary>
    public double P { get; init; } = 1;

    /// <summary>In-out parameter q.</summary>
    public double Q { get; init; } = 1;

    /// <summary>Walks started from every node.</summary>
    public int WalksPerNode { get; init; } = 10;

    /// <summary>Nodes per walk, the start included.</summary>
    public int WalkLength { get; init; } = 20;

    /// <summary>Context window: positions j with 0 &lt; |i - j| &lt;= window are contexts of position i.</summary>
    public int Window { get; init; } = 5;

    /// <summary>Negatives follow count^power (word2vec's 0.75).</summary>
    public double NegativePower { get; init; } = 0.75;

    /// <summary>Worker threads for walk generation (0 = all cores); the walks do not depend on it.</summary>
    public int Threads { get; init; }
}

/// <summary>
/// The training corpus of Node2Vec: walks over a graph (from <see cref="Node2VecWalker"/>), their node counts, and the
/// unigram^0.75 negative sampler built from those counts. Walks are row-major (walks, walk_length), -1 after a dead end.
/// </summary>
public sealed class SkipGramCorpus
{
    private SkipGramCorpus(int nodeCount, int[] walks, int walkLength, int window, long[] counts, NegativeSampler sampler)
    {
        NodeCount = nodeCount;
        Walks = walks;
        WalkLength = walkLength;
        Window = window;
        Counts = counts;
        Sampler = sampler;
    }

    public int NodeCount { get; }

    /// <summary>(walk_count, walk_length) row-major node ids, -1 after a dead end.</summary>
    public int[] Walks { get; }

    public int WalkLength { get; }

    public int Window { get; }

    public int WalkCount => Walks.Length / WalkLength;

    /// <summary>Occurrences of each node in the walks.</summary>
    public long[] Counts { get; }

    /// <summary>Negatives drawn proportionally to count^power.</summary>
    public NegativeSampler Sampler { get; }

    /// <summary>Draws <c>walks_per_node</c> walks from every node of <paramref name="graph"/>.</summary>
    public static SkipGramCorpus FromGraph(Graph graph, WalkOptions options, ulong seed)
    {
        var walker = new Node2VecWalker(graph, options.P, options.Q, options.Threads);
        int[] walks = walker.Walks(options.WalksPerNode, options.WalkLength, seed, options.Threads);
        return FromWalks(graph.NodeCount, walks, options.WalkLength, options.Window, options.NegativePower);
    }

    /// <summary>A corpus over given walks (e.g. read from a file), with the unigram^power sampler from their counts.</summary>
    public static SkipGramCorpus FromWalks(int nodeCount, int[] walks, int walkLength, int window, double negativePower = 0.75)
    {
        if (walkLength < 1 || walks.Length % walkLength != 0)
        {
            throw new ArgumentException($"{walks.Length} walk entries do not split into walks of length {walkLength}");
        }

        long[] counts = SkipGram.NodeCounts(walks, nodeCount);
        return FromWalks(nodeCount, walks, walkLength, window, new NegativeSampler(counts, NegativeDistribution.Unigram, negativePower));
    }

    /// <summary>A corpus over given walks with a given law of negatives (e.g. uniform).</summary>
    public static SkipGramCorpus FromWalks(int nodeCount, int[] walks, int walkLength, int window, NegativeSampler sampler)
    {
        if (walkLength < 1 || walks.Length % walkLength != 0)
        {
            throw new ArgumentException($"{walks.Length} walk entries do not split into walks of length {walkLength}");
        }

        if (sampler.Probabilities.Length != nodeCount)
        {
            throw new ArgumentException($"the sampler covers {sampler.Probabilities.Length} nodes, the corpus {nodeCount}");
        }

        if (window < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "the window must be >= 1");
        }

        return new SkipGramCorpus(nodeCount, walks, walkLength, window, SkipGram.NodeCounts(walks, nodeCount), sampler);
    }

    /// <summary>Every (centre, context) pair of every window, shape (K, 2) row-major (see <see cref="SkipGram.Pairs"/>).</summary>
    public int[] Pairs(int threads = 0) => SkipGram.Pairs(Walks, WalkLength, Window, threads);

    /// <summary>Number of (centre, context) pairs with the full window.</summary>
    public long PairCount()
    {
        long total = 0;
        for (int w = 0; w < WalkCount; w++)
        {
            total += SkipGram.PairCount(ValidLength(w), Window);
        }

        return total;
    }

    /// <summary>Valid nodes of walk <paramref name="w"/> (before the first -1).</summary>
    public int ValidLength(int w)
    {
        int row = w * WalkLength;
        int len = 0;
        while (len < WalkLength && Walks[row + len] >= 0)
        {
            len++;
        }

        return len;
    }

    /// <summary>Writes the walks as text, one walk per line, node ids separated by spaces (gensim's corpus format).</summary>
    public void WriteText(string path)
    {
        var sb = new StringBuilder();
        for (int w = 0; w < WalkCount; w++)
        {
            int len = ValidLength(w);
            for (int i = 0; i < len; i++)
            {
                if (i > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(Walks[w * WalkLength + i].ToString(CultureInfo.InvariantCulture));
            }

            sb.Append('\n');
        }

        File.WriteAllText(path, sb.ToString());
    }
}
