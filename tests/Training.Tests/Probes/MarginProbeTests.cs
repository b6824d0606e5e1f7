using Trainer.Data.Graphs;
using Trainer.Training.Probes;

namespace Trainer.Training.Tests.Probes;

public class MarginProbeTests
{
    // E = Q diag(s) with orthonormal columns Q (n, d) and s descending: the SVD has V = I, so
    // W' = diag(diag(W)) exactly (the signs of V cancel in V diag(λ) V^T).
    private static (EmbeddingMatrix E, double[] S) RotatedDiagonal(int n, double[] s)
    {
        int d = s.Length;
        var q = new double[n * d]; // unit columns
        // Orthonormal columns by Gram-Schmidt on a fixed generic matrix.
        var random = new Random(17);
        for (int j = 0; j < d; j++)
        {
            var col = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
            for (int k = 0; k < j; k++)
            {
                double dot = Enumerable.Range(0, n).Sum(i => col[i] * q[(i * d) + k]);
                for (int i = 0; i < n; i++)
                {
                    col[i] -= dot * q[(i * d) + k];
                }
            }

            double norm = Math.Sqrt(col.Sum(x => x * x));
            for (int i = 0; i < n; i++)
            {
                q[(i * d) + j] = col[i] / norm;
            }
        }

        double[] e = q.Select((x, k) => x * s[k % d]).ToArray();
        return (new EmbeddingMatrix(e, n, d), s);
    }

    private static double Margin(Func<int, int, double> score, Graph g)
    {
        var gaps = new List<double>();
        for (int u = 0; u < g.NodeCount; u++)
        {
            var others = Enumerable.Range(0, g.NodeCount).Where(w => w != u).ToList();
            double inside = others.Where(w => g.HasEdge(u, w)).Max(w => score(u, w));
            double outside = others.Where(w => !g.HasEdge(u, w)).Max(w => score(u, w));
            gaps.Add(inside - outside);
        }

        return gaps.Average();
    }

    [Fact]
    public void W_prime_keeps_the_diagonal_of_W_in_the_singular_basis_of_E()
    {
        Graph graph = GraphFamilies.Cycle(8);
        var (e, _) = RotatedDiagonal(8, [3.0, 2.0, 1.0]);
        double[] w = [0.5, 2.0, -1.0, 0.3, -0.7, 4.0, 1.5, 0.2, 0.9];
        var (wPrime, lambda, singular) = MarginProbe.Diagonalised(e, w);
        Assert.Equal([3.0, 2.0, 1.0], singular, (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal([0.5, -0.7, 0.9], lambda, (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal([0.5, 0, 0, 0, -0.7, 0, 0, 0, 0.9], wPrime, (a, b) => Math.Abs(a - b) < 1e-9);

        MarginResult r = MarginProbe.Run(e, w, graph);
        double Bilinear(double[] m, int u, int v)
        {
            double acc = 0;
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 3; j++)
                {
                    acc += e[u, i] * m[(i * 3) + j] * e[v, j];
                }
            }

            return acc;
        }

        Assert.Equal(Margin((u, v) => Bilinear(w, u, v), graph), r.MarginW, 5);
        Assert.Equal(Margin((u, v) => Bilinear([0.5, 0, 0, 0, -0.7, 0, 0, 0, 0.9], u, v), graph), r.MarginWPrime, 5);
    }

    [Fact]
    public void A_diagonal_W_is_its_own_W_prime_and_an_adjacency_W_loses_its_margin()
    {
        // E = diag(s), s distinct: V is a signed permutation, so W' = diag(diag(W)).
        Graph graph = GraphFamilies.Cycle(6);
        double[] s = [6, 5, 4, 3, 2, 1];
        var diag = new double[36];
        for (int i = 0; i < 6; i++)
        {
            diag[(i * 6) + i] = s[i];
        }

        var e = new EmbeddingMatrix(diag, 6, 6);
        double[] adjacency = graph.DenseAdjacency().Select(x => (double)x).ToArray();
        MarginResult r = MarginProbe.Run(e, adjacency, graph);
        // S[u, v] = s_u A[u, v] s_v: neighbours score s_u s_v > 0, non-neighbours 0.
        double expected = Enumerable.Range(0, 6).Average(u => s[u] * Math.Max(s[(u + 1) % 6], s[(u + 5) % 6]));
        Assert.Equal(expected, r.MarginW, 4);
        Assert.Equal(1.0, r.Top1W);
        Assert.Equal(0.0, r.MarginWPrime, 6); // diag(A) = 0: W' = 0, every score ties

        double[] diagonalW = Enumerable.Range(0, 36).Select(i => i % 7 == 0 ? 2.0 + (i / 7) : 0).ToArray();
        var (wPrime, _, _) = MarginProbe.Diagonalised(e, diagonalW);
        Assert.Equal(diagonalW, wPrime, (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [PythonProbeFact]
    public void Margins_and_top1_match_numpy_on_a_random_model()
    {
        var (c, reference) = ProbeFixtures.Get("margin");
        MarginResult r = MarginProbe.Run(c.Embedding, c.W!, c.Graph);
        Assert.Equal(reference.GetProperty("margin_w").GetDouble(), r.MarginW, 4);
        Assert.Equal(reference.GetProperty("margin_w_prime").GetDouble(), r.MarginWPrime, 4);
        Assert.Equal(reference.GetProperty("top1_w").GetDouble(), r.Top1W, 9);
        Assert.Equal(reference.GetProperty("top1_w_prime").GetDouble(), r.Top1WPrime, 9);
        Assert.Equal(ProbeFixtures.Doubles(reference, "lambda"), r.Lambda, (a, b) => Math.Abs(a - b) < 1e-8);
    }
}
