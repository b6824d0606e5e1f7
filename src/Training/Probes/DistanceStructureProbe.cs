using Trainer.Data.Graphs;
using Trainer.Data.Randomness;

namespace Trainer.Training.Probes;

/// <summary>Config of <see cref="DistanceStructureProbe"/>.</summary>
public sealed record DistanceStructureConfig
{
    /// <summary>Random-embedding control draws.</summary>
    public int ControlDraws { get; init; } = 16;

    /// <summary>Seed of the control draws and of the pair samples.</summary>
    public ulong Seed { get; init; } = 2468;

    /// <summary>Above this many node pairs the rank correlation uses a sample of this size.</summary>
    public int MaxPairs { get; init; } = 200_000;

    /// <summary>Pairs kept for the scatter plot.</summary>
    public int ScatterPoints { get; init; } = 1500;
}

/// <summary>Result of <see cref="DistanceStructureProbe"/>.</summary>
/// <param name="Spearman">Rank correlation between ||e_u - e_w|| and the hop distance, over node pairs.</param>
/// <param name="KnnRecovery">Share of directed edges (u, v) with v among the deg(u) nearest nodes of u in embedding space.</param>
/// <param name="Pairs">Pairs used for the rank correlation.</param>
/// <param name="MeanDistanceByHop">Mean embedding distance of the pairs at 1, 2, ... hops (index 0 = 1 hop).</param>
/// <param name="Scatter">A sample of (hops, embedding distance) pairs for plotting.</param>
/// <param name="ControlSpearman">Spearman of the random-embedding control.</param>
/// <param name="ControlKnn">KnnRecovery of the random-embedding control.</param>
public sealed record DistanceStructureResult(
    double Spearman,
    double KnnRecovery,
    long Pairs,
    double[] MeanDistanceByHop,
    double[][] Scatter,
    ControlStats ControlSpearman,
    ControlStats ControlKnn);

/// <summary>
/// Distance structure: does embedding distance follow graph distance? Spearman's rho between ||e_u - e_w|| and the
/// shortest-path hop count over node pairs (unreachable pairs left out), and k-nearest-neighbour recovery of graph
/// neighbours (each node's deg(u) nearest nodes by Euclidean distance), both set against a random-embedding control.
/// </summary>
public sealed class DistanceStructureProbe
{
    public DistanceStructureProbe(DistanceStructureConfig? config = null) => Config = config ?? new DistanceStructureConfig();

    public DistanceStructureConfig Config { get; }

    /// <summary>The probe; null when the graph is over <see cref="GraphAlgorithms.AllPairsLimit"/> nodes.</summary>
    public DistanceStructureResult? Run(EmbeddingMatrix e, Graph graph)
    {
        if (graph.NodeCount > GraphAlgorithms.AllPairsLimit || graph.NodeCount < 3)
        {
            return null;
        }

        int[] hops = GraphAlgorithms.AllPairsDistances(graph);
        var pairs = Pairs(graph.NodeCount, hops);
        double[] hopValues = pairs.Select(p => (double)hops[(p.U * graph.NodeCount) + p.W]).ToArray();
        double Rho(EmbeddingMatrix m) => RankCorrelation.Spearman(pairs.Select(p => m.Distance(p.U, p.W)).ToArray(), hopValues);

        var controls = RandomControl.Draws(e.Rows, e.Cols, Config.ControlDraws, Config.Seed)
            .Select(c => (Rho: Rho(c), Knn: KnnRecovery(c, graph)))
            .ToList();
        return new DistanceStructureResult(
            Rho(e),
            KnnRecovery(e, graph),
            pairs.Count,
            MeanByHop(e, pairs, hops, graph.NodeCount),
            Scatter(e, pairs, hops, graph.NodeCount),
            ControlStats.Of(controls.Select(c => c.Rho).ToList()),
            ControlStats.Of(controls.Select(c => c.Knn).ToList()));
    }

    /// <summary>Share of directed edges (u, v), u != v, with v among the deg(u) nearest other nodes of u.</summary>
    public static double KnnRecovery(EmbeddingMatrix e, Graph graph)
    {
        int n = graph.NodeCount;
        long edges = 0;
        long found = 0;
        var dist = new double[n];
        var order = new int[n];
        for (int u = 0; u < n; u++)
        {
            int k = 0;
            foreach (int v in graph.Neighbors(u))
            {
                k += v != u ? 1 : 0;
            }

            if (k == 0)
            {
                continue;
            }

            for (int w = 0; w < n; w++)
            {
                dist[w] = w == u ? double.PositiveInfinity : e.Distance(u, w);
                order[w] = w;
            }

            Array.Sort((double[])dist.Clone(), order);
            for (int i = 0; i < k; i++)
            {
                found += graph.HasEdge(u, order[i]) ? 1 : 0;
            }

            edges += k;
        }

        return edges > 0 ? (double)found / edges : double.NaN;
    }

    // All reachable pairs u < w, or a seeded sample of MaxPairs of them.
    private List<(int U, int W)> Pairs(int n, int[] hops)
    {
        var all = new List<(int U, int W)>();
        long total = (long)n * (n - 1) / 2;
        if (total <= Config.MaxPairs)
        {
            for (int u = 0; u < n; u++)
            {
                for (int w = u + 1; w < n; w++)
                {
                    if (hops[(u * n) + w] > 0)
                    {
                        all.Add((u, w));
                    }
                }
            }

            return all;
        }

        var rng = Rng.ForPurpose(Config.Seed, "distance-pairs");
        while (all.Count < Config.MaxPairs)
        {
            int u = rng.NextInt(n);
            int w = rng.NextInt(n);
            if (u != w && hops[(u * n) + w] > 0)
            {
                all.Add((Math.Min(u, w), Math.Max(u, w)));
            }
        }

        return all;
    }

    private static double[] MeanByHop(EmbeddingMatrix e, List<(int U, int W)> pairs, int[] hops, int n)
    {
        int maxHop = pairs.Count == 0 ? 0 : pairs.Max(p => hops[(p.U * n) + p.W]);
        var sum = new double[maxHop];
        var count = new long[maxHop];
        foreach (var (u, w) in pairs)
        {
            int h = hops[(u * n) + w] - 1;
            sum[h] += e.Distance(u, w);
            count[h]++;
        }

        return sum.Select((s, i) => count[i] > 0 ? s / count[i] : double.NaN).ToArray();
    }

    private double[][] Scatter(EmbeddingMatrix e, List<(int U, int W)> pairs, int[] hops, int n)
    {
        IEnumerable<(int U, int W)> chosen = pairs;
        if (pairs.Count > Config.ScatterPoints)
        {
            var rng = Rng.ForPurpose(Config.Seed, "scatter");
            chosen = Sampling.Permutation(rng, pairs.Count).Take(Config.ScatterPoints).Order().Select(i => pairs[i]);
        }

        return chosen.Select(p => new[] { (double)hops[(p.U * n) + p.W], e.Distance(p.U, p.W) }).ToArray();
    }
}
