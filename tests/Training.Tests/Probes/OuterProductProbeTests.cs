using Trainer.Training.Probes;

namespace Trainer.Training.Tests.Probes;

public class OuterProductProbeTests
{
    private static EmbeddingMatrix Identity(int n)
    {
        var v = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            v[(i * n) + i] = 1;
        }

        return new EmbeddingMatrix(v, n, n);
    }

    // W = sum_x q(x) e_x u_{f(x)}^T with one-hot e, u (N = M = d): W[x, f(x)] = q(x).
    private static double[] Memory(int d, int[] target, double[] q)
    {
        var w = new double[d * d];
        for (int x = 0; x < d; x++)
        {
            w[(x * d) + target[x]] += q[x];
        }

        return w;
    }

    [Fact]
    public void An_orthogonal_memory_stores_every_input_with_its_weight_as_strength()
    {
        int d = 6;
        int[] target = [1, 2, 3, 4, 5, 0];
        double[] p = [0.4, 0.2, 0.15, 0.12, 0.08, 0.05];
        OuterProductResult r = new OuterProductProbe().Run(Identity(d), Memory(d, target, p), Identity(d), target, p);
        Assert.Equal(0.0, r.Error);
        Assert.Equal(p, r.Strength, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(1.0, r.StrengthFrequencySpearman, 12);
        Assert.Equal(d, r.HeatMap.Length);
        Assert.All(r.HeatMap, row => Assert.Equal(1.0, row.Sum(), 12));
        // Row x: softmax of q(x) at f(x) and 0 elsewhere.
        double expected = Math.Exp(0.4) / (Math.Exp(0.4) + 5);
        Assert.Equal(expected, r.HeatMap[0][1], 12);
        Assert.Equal(expected, r.CorrectProbability[0], 12);
    }

    [Fact]
    public void Inputs_left_out_of_the_memory_count_towards_the_error_by_their_frequency()
    {
        int d = 5;
        int[] target = [1, 2, 3, 4, 2];
        double[] p = [5, 2, 1, 1, 1]; // normalised inside: [0.5, 0.2, 0.1, 0.1, 0.1]
        double[] q = [1, 1, 1, 0, 0]; // inputs 3 and 4 not stored: all-zero logits, argmax = output 0 (wrong for both)
        OuterProductResult r = new OuterProductProbe().Run(Identity(d), Memory(d, target, q), Identity(d), target, p);
        Assert.Equal(0.2, r.Error, 12);
        Assert.Equal([0.5, 0.2, 0.1, 0.1, 0.1], r.Frequency, (a, b) => Math.Abs(a - b) < 1e-12);
    }
}
