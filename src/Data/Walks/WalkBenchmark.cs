using System.Diagnostics;
using Trainer.Data.Graphs;
using Trainer.Data.Randomness;

namespace Trainer.Data.Walks;

/// <summary>Figures of one walk benchmark run.</summary>
/// <param name="Nodes">Nodes of the Erdos-Renyi graph.</param>
/// <param name="Edges">Undirected edges.</param>
/// <param name="Threads">Worker threads used.</param>
/// <param name="UniformStepsPerSecond">Walk steps per second of wall time with p = q = 1 (first-order fast path).</param>
/// <param name="BiasedStepsPerSecond">Walk steps per second of wall time with the biased p, q.</param>
/// <param name="UniformStepsPerCpuSecond">Steps per second of this process's CPU time, p = q = 1 (robust to a busy machine).</param>
/// <param name="BiasedStepsPerCpuSecond">Steps per second of this process's CPU time, biased.</param>
/// <param name="BiasedP">p of the biased run.</param>
/// <param name="BiasedQ">q of the biased run.</param>
/// <param name="AliasBytes">Bytes of the biased walker's alias tables.</param>
/// <param name="TableBuildSeconds">Seconds to build those tables.</param>
public sealed record WalkBenchmarkResult(int Nodes, long Edges, int Threads, double UniformStepsPerSecond, double BiasedStepsPerSecond,
    double UniformStepsPerCpuSecond, double BiasedStepsPerCpuSecond, double BiasedP, double BiasedQ, long AliasBytes, double TableBuildSeconds)
{
    /// <summary>A few printable lines.</summary>
    public override string ToString() =>
        $"graph G(n={Nodes}, E={Edges}), threads {Threads}\n" +
        $"p=q=1:        {UniformStepsPerSecond / 1e6:F1} M steps/s ({UniformStepsPerCpuSecond / 1e6:F1} M per CPU-second)\n" +
        $"p={BiasedP}, q={BiasedQ}: {BiasedStepsPerSecond / 1e6:F1} M steps/s ({BiasedStepsPerCpuSecond / 1e6:F1} M per CPU-second)\n" +
        $"alias tables: {AliasBytes / (1024.0 * 1024.0):F1} MiB, built in {TableBuildSeconds:F2} s";
}

/// <summary>
/// Walk throughput (not a test): node2vec walks on an Erdos-Renyi graph of 10^5 nodes and mean degree 10, walks
/// written to a per-thread buffer and discarded, so only generation is timed.
/// </summary>
/// <remarks>Example: <c>WalkBenchmark.Run()</c> prints steps/s for p = q = 1 and p = 0.5, q = 2 and the table size.</remarks>
public static class WalkBenchmark
{
    /// <summary>Builds the graph, then times walks_per_node walks of walk_length nodes from every node.</summary>
    public static WalkBenchmarkResult Run(int nodes = 100_000, double meanDegree = 10, int walkLength = 80, int walksPerNode = 2,
        double p = 0.5, double q = 2, int threads = 0, ulong seed = 1)
    {
        var graph = GraphFamilies.ErdosRenyi(nodes, meanDegree / (nodes - 1), Rng.ForPurpose(seed, "bench-graph"));
        int used = ParallelStreams.ResolveThreads(threads);
        var uniform = new Node2VecWalker(graph, 1, 1, threads);
        var (uniformRate, uniformCpu) = Measure(uniform, walksPerNode, walkLength, seed, threads);
        var sw = Stopwatch.StartNew();
        var biased = new Node2VecWalker(graph, p, q, threads);
        double build = sw.Elapsed.TotalSeconds;
        var (biasedRate, biasedCpu) = Measure(biased, walksPerNode, walkLength, seed, threads);
        return new WalkBenchmarkResult(nodes, graph.EdgeCount, used, uniformRate, biasedRate, uniformCpu, biasedCpu, p, q, biased.AliasBytes, build);
    }

    /// <summary>Steps (moves, excluding each walk's start) per second of wall time and per second of process CPU time.</summary>
    public static (double Wall, double Cpu) Measure(Node2VecWalker walker, int walksPerNode, int walkLength, ulong seed, int threads)
    {
        int[] starts = walker.StartNodes(walksPerNode, seed, shuffleStarts: true);
        long steps = 0;
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        ParallelStreams.For(starts.Length, Rng.DeriveSeed(seed, "walks"), threads, () => new int[walkLength], (w, rng, buffer) =>
        {
            int filled = walker.Walk(starts[w], rng, buffer);
            Interlocked.Add(ref steps, filled - 1);
        });
        double wall = sw.Elapsed.TotalSeconds;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        return (steps / wall, steps / Math.Max(cpu, 1e-9));
    }
}
