namespace Trainer.Data.Randomness;

/// <summary>
/// Runs a per-item body on several threads where item i always draws from substream i of the seed, so the
/// output is the same bytes for any thread count (including 1).
/// </summary>
/// <remarks>
/// Example: <c>ParallelStreams.For(1000, seed, threads: 4, (i, rng) =&gt; row[i] = rng.NextNormal())</c> fills the
/// same 1000 numbers as with threads: 1.
/// </remarks>
public static class ParallelStreams
{
    private const int BlockSize = 256;

    /// <summary>Thread count to use: <paramref name="threads"/>, or the processor count when it is 0 or less.</summary>
    public static int ResolveThreads(int threads) => threads > 0 ? threads : Environment.ProcessorCount;

    /// <summary>Calls body(i, rng) for i in [0, count) with rng reseeded to <c>Rng.DeriveSeed(seed, i)</c>.</summary>
    public static void For(long count, ulong seed, int threads, Action<long, Rng> body)
    {
        long blocks = (count + BlockSize - 1) / BlockSize;
        var options = new ParallelOptions { MaxDegreeOfParallelism = ResolveThreads(threads) };
        if (options.MaxDegreeOfParallelism == 1 || blocks <= 1)
        {
            RunBlock(0, count, seed, body, new Rng(0));
            return;
        }
        Parallel.For(0L, blocks, options, () => new Rng(0), (b, _, rng) =>
        {
            long start = b * BlockSize;
            RunBlock(start, Math.Min(count, start + BlockSize), seed, body, rng);
            return rng;
        }, _ => { });
    }

    /// <summary>
    /// As <see cref="For(long, ulong, int, Action{long, Rng})"/>, with per-worker scratch state made by
    /// <paramref name="init"/> (e.g. a buffer); the state must not carry information between items.
    /// </summary>
    public static void For<TLocal>(long count, ulong seed, int threads, Func<TLocal> init, Action<long, Rng, TLocal> body)
    {
        long blocks = (count + BlockSize - 1) / BlockSize;
        var options = new ParallelOptions { MaxDegreeOfParallelism = ResolveThreads(threads) };
        if (options.MaxDegreeOfParallelism == 1 || blocks <= 1)
        {
            var local = init();
            RunBlock(0, count, seed, (i, rng) => body(i, rng, local), new Rng(0));
            return;
        }
        Parallel.For(0L, blocks, options, () => (new Rng(0), init()), (b, _, state) =>
        {
            long start = b * BlockSize;
            long end = Math.Min(count, start + BlockSize);
            for (long i = start; i < end; i++)
            {
                state.Item1.Reseed(Rng.DeriveSeed(seed, (ulong)i));
                body(i, state.Item1, state.Item2);
            }
            return state;
        }, _ => { });
    }

    private static void RunBlock(long start, long end, ulong seed, Action<long, Rng> body, Rng rng)
    {
        for (long i = start; i < end; i++)
        {
            rng.Reseed(Rng.DeriveSeed(seed, (ulong)i));
            body(i, rng);
        }
    }
}
