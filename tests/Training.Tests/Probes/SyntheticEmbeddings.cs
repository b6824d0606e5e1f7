using Trainer.Data.Graphs;
using Trainer.Torch;
using Trainer.Training.Probes;
using static Trainer.Torch.torch;

namespace Trainer.Training.Tests.Probes;

/// <summary>Embeddings with known geometry for the probe tests.</summary>
internal static class SyntheticEmbeddings
{
    /// <summary>
    /// The k smallest nontrivial eigenvectors of the combinatorial Laplacian L = D - A as columns (n, k): a smooth,
    /// geometric embedding (not built from R_s, the probe's own matrix).
    /// </summary>
    public static EmbeddingMatrix Laplacian(Graph graph, int k)
    {
        int n = graph.NodeCount;
        var l = new double[n * n];
        for (int u = 0; u < n; u++)
        {
            foreach (int v in graph.Neighbors(u))
            {
                if (v != u)
                {
                    l[(u * n) + v] -= 1;
                    l[(u * n) + u] += 1;
                }
            }
        }

        using Tensor lt = tensor(l, new long[] { n, n }, ScalarType.Float64);
        var (_, vectors) = linalg.eigh(lt); // ascending
        using (vectors)
        {
            using Tensor cols = vectors.narrow(1, 1, k).contiguous();
            return new EmbeddingMatrix(cols.data<double>(), n, k);
        }
    }

    /// <summary>i.i.d. N(0, 1) entries by Box-Muller from System.Random (independent of the probes' own generator).</summary>
    public static EmbeddingMatrix Gaussian(int n, int d, int seed)
    {
        var random = new Random(seed);
        var v = new double[n * d];
        for (int i = 0; i < v.Length; i++)
        {
            double u1 = 1 - random.NextDouble();
            double u2 = random.NextDouble();
            v[i] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }

        return new EmbeddingMatrix(v, n, d);
    }

    /// <summary>The path-star with 4 arms of 8 nodes beyond the root (n = 33), identity ids, root 0.</summary>
    public static Graph PathStar(int arms = 4, int pathLength = 9) => PathStarGraph.Build(arms, pathLength).Graph;
}
