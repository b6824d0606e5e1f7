using Trainer.Data.Graphs;
using Trainer.Data.Randomness;

namespace Trainer.Training.Probes;

/// <summary>Config of <see cref="GeometricLevelProbe"/>.</summary>
public sealed record GeometricLevelConfig
{
    /// <summary>Random-embedding control draws.</summary>
    public int ControlDraws { get; init; } = 16;

    /// <summary>Seed of the control draws and of the pair sample.</summary>
    public ulong Seed { get; init; } = 1234;

    /// <summary>Up to this many nodes the random-pair mean is exact (all pairs); above, it is sampled.</summary>
    public int ExactPairNodes { get; init; } = 1024;

    /// <summary>Pairs drawn when the mean is sampled.</summary>
    public int SampledPairs { get; init; } = 200_000;
}

/// <summary>Result of <see cref="GeometricLevelProbe"/>.</summary>
/// <param name="EdgeCos">Mean cos(e_u, e_v) over directed edges (u, v), u != v: the paper's geometric level.</param>
/// <param name="PairCos">Mean cos(e_u, e_w) over random node pairs u != w.</param>
/// <param name="Excess">EdgeCos - PairCos: how much closer neighbours are than any two nodes.</param>
/// <param name="ControlEdgeCos">EdgeCos of the random-embedding control.</param>
/// <param name="ControlExcess">Excess of the random-embedding control.</param>
public sealed record GeometricLevelResult(double EdgeCos, double PairCos, double Excess, ControlStats ControlEdgeCos, ControlStats ControlExcess);

/// <summary>
/// Geometric level (paper section 3.4): the mean cosine similarity of the embeddings of connected nodes, set against
/// the same mean over random node pairs (a common offset of all rows raises both) and against a random-embedding
/// control of the same shape.
/// </summary>
public sealed class GeometricLevelProbe
{
    public GeometricLevelProbe(GeometricLevelConfig? config = null) => Config = config ?? new GeometricLevelConfig();

    public GeometricLevelConfig Config { get; }

    public GeometricLevelResult Run(EmbeddingMatrix e, Graph graph)
    {
        var (edgeCos, pairCos) = Measure(e, graph);
        var controls = RandomControl.Draws(e.Rows, e.Cols, Config.ControlDraws, Config.Seed).Select(c => Measure(c, graph)).ToList();
        return new GeometricLevelResult(
            edgeCos,
            pairCos,
            edgeCos - pairCos,
            ControlStats.Of(controls.Select(c => c.EdgeCos).ToList()),
            ControlStats.Of(controls.Select(c => c.EdgeCos - c.PairCos).ToList()));
    }

    /// <summary>Mean cosine over directed edges u != v; NaN without edges.</summary>
    public static double EdgeCosine(EmbeddingMatrix e, Graph graph)
    {
        double sum = 0;
        long count = 0;
        for (int u = 0; u < graph.NodeCount; u++)
        {
            foreach (int v in graph.Neighbors(u))
            {
                if (v != u)
                {
                    sum += e.Cosine(u, v);
                    count++;
                }
            }
        }

        return count > 0 ? sum / count : double.NaN;
    }

    private (double EdgeCos, double PairCos) Measure(EmbeddingMatrix e, Graph graph) => (EdgeCosine(e, graph), PairCosine(e));

    private double PairCosine(EmbeddingMatrix e)
    {
        int n = e.Rows;
        if (n < 2)
        {
            return double.NaN;
        }

        var norms = new double[n];
        for (int u = 0; u < n; u++)
        {
            norms[u] = e.Norm(u);
        }

        double Cos(int u, int w) => norms[u] > 0 && norms[w] > 0 ? e.Dot(u, w) / (norms[u] * norms[w]) : 0;

        double sum = 0;
        long count = 0;
        if (n <= Config.ExactPairNodes)
        {
            for (int u = 0; u < n; u++)
            {
                for (int w = u + 1; w < n; w++)
                {
                    sum += Cos(u, w);
                    count++;
                }
            }
        }
        else
        {
            var rng = Rng.ForPurpose(Config.Seed, "pairs");
            for (int i = 0; i < Config.SampledPairs; i++)
            {
                int u = rng.NextInt(n);
                int w = rng.NextInt(n - 1);
                sum += Cos(u, w >= u ? w + 1 : w);
                count++;
            }
        }

        return sum / count;
    }
}
