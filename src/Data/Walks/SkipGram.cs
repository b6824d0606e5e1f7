namespace Trainer.Data.Walks;

/// <summary>
/// Sliding context windows over walks (word2vec skip-gram): for every position i of a walk and every j with
/// 0 &lt; |i - j| &lt;= window inside the walk, the pair (walk[i], walk[j]). Walks end at their first -1.
/// </summary>
/// <remarks>
/// Example, walk [3, 5, 2] and window 1: pairs (3, 5), (5, 3), (5, 2), (2, 5), in that order (by centre, then
/// context position).
/// </remarks>
public static class SkipGram
{
    /// <summary>(centre, context) pairs, shape (K, 2) row-major, walks in order.</summary>
    public static int[] Pairs(int[] walks, int walkLength, int window, int threads = 0)
    {
        if (window < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "the window must be >= 1");
        }
        int walkCount = walks.Length / walkLength;
        var start = new long[walkCount + 1];
        for (int w = 0; w < walkCount; w++)
        {
            start[w + 1] = start[w] + PairCount(ValidLength(walks, w, walkLength), window);
        }
        if (start[walkCount] * 2 > Array.MaxLength)
        {
            throw new InvalidOperationException($"{start[walkCount]} pairs exceed one array; use fewer walks or a smaller window");
        }
        var pairs = new int[start[walkCount] * 2];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Randomness.ParallelStreams.ResolveThreads(threads) };
        Parallel.For(0, walkCount, options, w =>
        {
            int len = ValidLength(walks, w, walkLength);
            long k = start[w] * 2;
            int row = w * walkLength;
            for (int i = 0; i < len; i++)
            {
                int lo = Math.Max(0, i - window);
                int hi = Math.Min(len - 1, i + window);
                for (int j = lo; j <= hi; j++)
                {
                    if (j != i)
                    {
                        pairs[k++] = walks[row + i];
                        pairs[k++] = walks[row + j];
                    }
                }
            }
        });
        return pairs;
    }

    /// <summary>Pairs a walk of <paramref name="length"/> valid nodes yields with this window.</summary>
    public static long PairCount(int length, int window)
    {
        long total = 0;
        for (int i = 0; i < length; i++)
        {
            total += Math.Min(length - 1, i + window) - Math.Max(0, i - window);
        }
        return total;
    }

    /// <summary>Occurrences of each node in the walks (-1 ignored), the unigram counts for negative sampling.</summary>
    public static long[] NodeCounts(int[] walks, int nodeCount)
    {
        var counts = new long[nodeCount];
        foreach (int v in walks)
        {
            if (v >= 0)
            {
                counts[v]++;
            }
        }
        return counts;
    }

    private static int ValidLength(int[] walks, int w, int walkLength)
    {
        int row = w * walkLength;
        int len = 0;
        while (len < walkLength && walks[row + len] >= 0)
        {
            len++;
        }
        return len;
    }
}
