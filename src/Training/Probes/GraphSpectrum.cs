using Trainer.Data.Graphs;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Training.Probes;

/// <summary>
/// The spectral basis of the spectral-bias probe (paper section 3.4): with A the symmetric adjacency (self-loops
/// ignored) and deg its row sums, R = (A - diag(deg)) ⊘ deg (each row divided by its degree; rows of isolated nodes
/// stay 0) and R_s = R + R^T = D⁻¹A + (D⁻¹A)^T - 2I. Its eigenvectors v_i (torch.linalg.eigh, float64) are sorted by
/// eigenvalue, descending: v_0 is the smoothest (the dropped, near-constant one), the last the roughest.
/// Eigenvalues equal to within <see cref="DegeneracyTolerance"/> form one eigenspace (<see cref="Cluster"/>), whose
/// basis eigh may pick freely: only energies summed over a whole eigenspace are defined by E alone.
/// </summary>
public sealed class GraphSpectrum : IDisposable
{
    /// <summary>Eigenvalues closer than this (times max(1, |λ|max)) count as one eigenspace.</summary>
    public const double DegeneracyTolerance = 1e-8;

    private readonly Tensor _vectors; // (n, n) float64, column i = v_i, descending order

    private GraphSpectrum(double[] eigenvalues, Tensor vectors, int[] cluster)
    {
        Eigenvalues = eigenvalues;
        _vectors = vectors;
        Cluster = cluster;
    }

    /// <summary>Eigenvalues of R_s, descending (length n).</summary>
    public double[] Eigenvalues { get; }

    /// <summary>Eigenspace index of each eigenvalue (0, 0, 1, 2, 2, 2, ...), in the same order.</summary>
    public int[] Cluster { get; }

    /// <summary>n.</summary>
    public int NodeCount => Eigenvalues.Length;

    /// <summary>R_s of <paramref name="graph"/>, row-major (n, n).</summary>
    public static double[] SymmetrisedRandomWalk(Graph graph)
    {
        int n = graph.NodeCount;
        var a = new double[n * n];
        for (int u = 0; u < n; u++)
        {
            foreach (int v in graph.Neighbors(u))
            {
                if (v != u)
                {
                    a[(u * n) + v] = 1;
                    a[(v * n) + u] = 1;
                }
            }
        }

        var r = new double[n * n];
        for (int u = 0; u < n; u++)
        {
            double deg = 0;
            for (int v = 0; v < n; v++)
            {
                deg += a[(u * n) + v];
            }

            for (int v = 0; v < n && deg > 0; v++)
            {
                r[(u * n) + v] = (a[(u * n) + v] - (u == v ? deg : 0)) / deg;
            }
        }

        var rs = new double[n * n];
        for (int u = 0; u < n; u++)
        {
            for (int v = 0; v < n; v++)
            {
                rs[(u * n) + v] = r[(u * n) + v] + r[(v * n) + u];
            }
        }

        return rs;
    }

    /// <summary>Builds and decomposes R_s of <paramref name="graph"/>.</summary>
    public static GraphSpectrum Of(Graph graph)
    {
        int n = graph.NodeCount;
        using DisposeScope scope = NewDisposeScope();
        Tensor rs = tensor(SymmetrisedRandomWalk(graph), new long[] { n, n }, ScalarType.Float64);
        var (values, vectors) = linalg.eigh(rs); // ascending
        Tensor vecs = scope.MoveToOuter(vectors.flip(1).contiguous()); // descending
        double[] lambda = values.flip(0).contiguous().data<double>();
        return new GraphSpectrum(lambda, vecs, Clusters(lambda));
    }

    /// <summary>The eigenvector v_i (unit norm, length n), i in descending-eigenvalue order.</summary>
    public double[] Vector(int i)
    {
        using Tensor column = _vectors.select(1, i).contiguous();
        return column.data<double>();
    }

    /// <summary>energy_i = ||E^T v_i||^2 for every i (descending order), length n; sums to ||E||_F^2.</summary>
    public double[] Energies(EmbeddingMatrix e)
    {
        if (e.Rows != NodeCount)
        {
            throw new ArgumentException($"the embedding has {e.Rows} node rows, the graph {NodeCount} nodes");
        }

        using DisposeScope scope = NewDisposeScope();
        Tensor emb = e.ToTensor(); // (n, d)
        Tensor proj = _vectors.transpose(0, 1).matmul(emb); // (n, d): row i = (E^T v_i)^T
        return proj.pow(2).sum(new long[] { 1 }).contiguous().data<double>();
    }

    /// <summary>
    /// Energies with each eigenspace's total shared evenly among its eigenvectors: the same whatever basis eigh
    /// chose, and equal to the raw energies where eigenvalues are simple.
    /// </summary>
    public double[] EigenspaceEnergies(EmbeddingMatrix e) => AverageWithinClusters(Energies(e), Cluster);

    /// <summary>Replaces each value by the mean over its cluster.</summary>
    public static double[] AverageWithinClusters(IReadOnlyList<double> values, IReadOnlyList<int> cluster)
    {
        var result = new double[values.Count];
        int start = 0;
        while (start < values.Count)
        {
            int end = start;
            while (end < values.Count && cluster[end] == cluster[start])
            {
                end++;
            }

            double mean = 0;
            for (int i = start; i < end; i++)
            {
                mean += values[i];
            }

            mean /= end - start;
            for (int i = start; i < end; i++)
            {
                result[i] = mean;
            }

            start = end;
        }

        return result;
    }

    public void Dispose() => _vectors.Dispose();

    private static int[] Clusters(double[] descending)
    {
        double scale = Math.Max(1, descending.Length == 0 ? 1 : descending.Max(Math.Abs));
        var cluster = new int[descending.Length];
        for (int i = 1; i < descending.Length; i++)
        {
            bool same = descending[i - 1] - descending[i] <= DegeneracyTolerance * scale;
            cluster[i] = cluster[i - 1] + (same ? 0 : 1);
        }

        return cluster;
    }
}
