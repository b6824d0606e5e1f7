using Trainer.Models.Hopfield.Retrieval;
using Trainer.Torch;
using static Trainer.Models.Tests.Hopfield.HopfieldTestSupport;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.Hopfield;

public class NormalizerTests
{
    private static double[] Apply(NormalizerKind kind, params double[] z)
    {
        using Tensor t = tensor(z, new long[] { 1, z.Length });
        using Tensor p = Normalizers.Apply(t, kind);
        return Doubles(p);
    }

    [Fact]
    public void Sparsemax_of_one_zero_is_one_hot()
    {
        // tau = 0: [1 - 0, 0 - 0]_+ = [1, 0]
        Assert.Equal(new[] { 1.0, 0.0 }, Apply(NormalizerKind.Sparsemax, 1, 0));
    }

    [Fact]
    public void Sparsemax_of_close_scores_splits_the_mass()
    {
        // z = [0.5, 0]: both in the support, tau = (0.5 - 1) / 2 = -0.25 -> [0.75, 0.25]
        double[] p = Apply(NormalizerKind.Sparsemax, 0.5, 0);
        Assert.Equal(0.75, p[0], 12);
        Assert.Equal(0.25, p[1], 12);
    }

    [Fact]
    public void Sparsemax_matches_a_hand_computed_three_way_projection()
    {
        // z = [0.6, 0.4, -1]: support {0, 1}, tau = (1.0 - 1) / 2 = 0 -> [0.6, 0.4, 0]
        double[] p = Apply(NormalizerKind.Sparsemax, 0.6, 0.4, -1);
        Assert.Equal(0.6, p[0], 12);
        Assert.Equal(0.4, p[1], 12);
        Assert.Equal(0.0, p[2], 12);
    }

    [Fact]
    public void Entmax15_of_equal_scores_is_uniform()
    {
        double[] p = Apply(NormalizerKind.Entmax15, 2, 2, 2, 2);
        Assert.All(p, v => Assert.Equal(0.25, v, 12));
    }

    [Fact]
    public void Entmax15_matches_a_hand_computed_two_way_split()
    {
        // z = [1, 0]: u = z / 2 = [0.5, 0]; with both in the support, (0.5 - tau)^2 + (0 - tau)^2 = 1
        // -> tau = (0.5 - sqrt(1.75)) / 2 = -0.411438, p = [0.830438^2, 0.411438^2] = [0.689627, 0.169281 ...]
        double tau = (0.5 - Math.Sqrt(1.75)) / 2;
        double[] p = Apply(NormalizerKind.Entmax15, 1, 0);
        Assert.Equal(Math.Pow(0.5 - tau, 2), p[0], 10);
        Assert.Equal(tau * tau, p[1], 10);
        Assert.Equal(1.0, p[0] + p[1], 10);
    }

    [Fact]
    public void Entmax15_drops_a_far_score_from_the_support()
    {
        // u = [1.5, 0] differ by more than 1, so only the first entry survives: tau = 0.5, p = [1, 0]
        Assert.Equal(new[] { 1.0, 0.0 }, Apply(NormalizerKind.Entmax15, 3, 0));
    }

    [Theory]
    [InlineData(NormalizerKind.Softmax)]
    [InlineData(NormalizerKind.Entmax15)]
    [InlineData(NormalizerKind.Sparsemax)]
    public void Outputs_are_probability_vectors_for_any_batch(NormalizerKind kind)
    {
        manual_seed(3);
        using Tensor z = randn(7, 5, 11) * 3;
        using Tensor p = Normalizers.Apply(z, kind, dim: 1);
        using Tensor sums = p.sum(1);
        Assert.All(Doubles(sums), s => Assert.Equal(1.0, s, 5));
        Assert.All(Doubles(p), v => Assert.True(v >= 0));
    }

    [Theory]
    [InlineData(NormalizerKind.Entmax15)]
    [InlineData(NormalizerKind.Sparsemax)]
    public void Sparse_normalisers_zero_out_low_scores_and_softmax_does_not(NormalizerKind kind)
    {
        using Tensor z = tensor(new[] { 5.0, 4.5, 0.0, -3.0 }, new long[] { 1, 4 });
        using Tensor p = Normalizers.Apply(z, kind);
        using Tensor s = Normalizers.Apply(z, NormalizerKind.Softmax);
        double[] pv = Doubles(p);
        Assert.Equal(0.0, pv[2]);
        Assert.Equal(0.0, pv[3]);
        Assert.All(Doubles(s), v => Assert.True(v > 0));
    }

    [Theory]
    [InlineData(NormalizerKind.Softmax)]
    [InlineData(NormalizerKind.Entmax15)]
    [InlineData(NormalizerKind.Sparsemax)]
    public void Masked_entries_get_zero_weight_without_nans(NormalizerKind kind)
    {
        double[] p = Apply(kind, 0.3, double.NegativeInfinity, 0.1, double.NegativeInfinity);
        Assert.All(p, v => Assert.False(double.IsNaN(v)));
        Assert.Equal(0.0, p[1]);
        Assert.Equal(0.0, p[3]);
        Assert.Equal(1.0, p.Sum(), 10);
    }

    [Fact]
    public void Sparsemax_gradient_is_the_projected_identity_on_the_support()
    {
        // Jacobian on the support S: I - 1 1^T / |S|; off the support: 0. d(p . g)/dz = J^T g.
        using Tensor z = tensor(new[] { 0.6, 0.4, -1.0 }, new long[] { 1, 3 }, requires_grad: true);
        using Tensor p = Normalizers.Sparsemax(z);
        using Tensor g = tensor(new[] { 1.0, 3.0, 5.0 }, new long[] { 1, 3 });
        using Tensor loss = (p * g).sum();
        loss.backward();
        using Tensor grad = z.grad!;
        double[] gz = Doubles(grad);
        Assert.Equal(1 - 2.0, gz[0], 10);   // g_0 - mean(g_S) = 1 - 2
        Assert.Equal(3 - 2.0, gz[1], 10);
        Assert.Equal(0.0, gz[2], 10);
    }

    [Fact]
    public void Entmax15_gradient_matches_finite_differences()
    {
        double[] z0 = { 0.9, 0.3, 0.5, -2.0 };
        double[] g = { 0.2, -1.0, 0.7, 1.5 };
        using Tensor z = tensor(z0, new long[] { 1, 4 }, requires_grad: true);
        using Tensor p = Normalizers.Entmax15(z);
        using Tensor gt = tensor(g, new long[] { 1, 4 });
        using Tensor loss = (p * gt).sum();
        loss.backward();
        double[] analytic = Doubles(z.grad!);
        for (int i = 0; i < 4; i++)
        {
            double h = 1e-6;
            double[] up = (double[])z0.Clone(), down = (double[])z0.Clone();
            up[i] += h;
            down[i] -= h;
            double f(double[] v) => Apply(NormalizerKind.Entmax15, v).Zip(g, (a, b) => a * b).Sum();
            Assert.Equal((f(up) - f(down)) / (2 * h), analytic[i], 6);
        }
    }

    [Fact]
    public void Parse_accepts_the_config_names_and_rejects_others()
    {
        Assert.Equal(NormalizerKind.Entmax15, Normalizers.Parse("1.5-entmax"));
        Assert.Equal(NormalizerKind.Sparsemax, Normalizers.Parse("SparseMax"));
        Assert.Throws<ArgumentException>(() => Normalizers.Parse("normmax"));
    }
}
