using Trainer.Models.Gpt;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.Gpt;

/// <summary>Hopfield attention against softmax attention and against the update rule written out by hand; causality.</summary>
public sealed class GptAttentionTests
{
    private static readonly GptConfig s_small = new() { VocabSize = 29, BlockSize = 10, NLayer = 2, NHead = 2, NEmbd = 16 };

    [Fact]
    public void Hopfield_attention_with_one_step_and_default_beta_equals_softmax_attention()
    {
        manual_seed(3);
        using var softmax = new GptModel(s_small);
        using var hopfield = new GptModel(s_small with { Attention = "hopfield", HopfieldSteps = 1, HopfieldBeta = null });
        hopfield.load_state_dict(softmax.state_dict());
        using Tensor idx = randint(29, new long[] { 4, 10 });

        using Tensor a = softmax.forward(idx);
        using Tensor b = hopfield.forward(idx);

        Assert.Equal(1 / Math.Sqrt(8), hopfield.transformer.h[0].attn.Beta, 12);
        Assert.True(TensorAssert.MaxAbsDiff(a, b) <= 1e-6, $"max |diff| = {TensorAssert.MaxAbsDiff(a, b)}");
    }

    [Fact]
    public void One_association_step_is_scaled_dot_product_attention_for_any_mask()
    {
        manual_seed(4);
        using Tensor q = randn(2, 3, 5, 4);
        using Tensor k = randn(2, 3, 5, 4);
        using Tensor v = randn(2, 3, 5, 6);
        using Tensor causal = HopfieldAssociation.CausalAllowed(5, 5);
        using Tensor expected = nn.functional.scaled_dot_product_attention(q, k, v, is_causal: true);
        using Tensor actual = HopfieldAssociation.Associate(q, k, v, beta: 0.5, steps: 1, allowed: causal);

        Assert.True(TensorAssert.MaxAbsDiff(expected, actual) <= 1e-6);
    }

    [Fact]
    public void Several_association_steps_follow_the_update_rule_written_out_by_hand()
    {
        // xi <- softmax(beta xi K^T) K twice, then softmax(beta xi K^T) V, with plain double loops and no mask.
        double[,] xi0 = { { 0.3, -1.2 }, { 1.0, 0.4 } };
        double[,] kk = { { 1.0, 0.0 }, { 0.0, 1.0 }, { -0.7, 0.5 } };
        double[,] vv = { { 1.0, 2.0, 3.0 }, { -1.0, 0.0, 1.0 }, { 0.5, 0.5, -2.0 } };
        const double beta = 1.7;
        double[,] xi = xi0;
        for (int s = 0; s < 2; s++)
        {
            xi = MatMul(SoftmaxRows(Scores(xi, kk, beta)), kk);
        }

        double[,] expected = MatMul(SoftmaxRows(Scores(xi, kk, beta)), vv);
        using Tensor actual = HopfieldAssociation.Associate(Tensor64(xi0), Tensor64(kk), Tensor64(vv), beta, steps: 3);

        double[] got = actual.data<double>();
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(expected[i, j], got[i * 3 + j], 12);
            }
        }
    }

    [Theory]
    [InlineData("softmax", 1)]
    [InlineData("hopfield", 3)]
    public void Changing_a_future_token_leaves_earlier_logits_unchanged(string attention, int steps)
    {
        manual_seed(5);
        using var model = new GptModel(s_small with { Attention = attention, HopfieldSteps = steps });
        model.eval();
        long[] tokens = { 1, 7, 3, 3, 12, 0, 28, 5 };
        long[] changed = (long[])tokens.Clone();
        changed[5] = 21;
        using Tensor idxA = tensor(tokens, new long[] { 1, 8 });
        using Tensor idxB = tensor(changed, new long[] { 1, 8 });
        using Tensor a = model.forward(idxA);
        using Tensor b = model.forward(idxB);

        using Tensor pastA = a.narrow(1, 0, 5);
        using Tensor pastB = b.narrow(1, 0, 5);
        using Tensor nowA = a.narrow(1, 5, 3);
        using Tensor nowB = b.narrow(1, 5, 3);
        Assert.True(pastA.equal(pastB), "logits before the changed position moved");
        Assert.True(TensorAssert.MaxAbsDiff(nowA, nowB) > 1e-4, "logits at and after the changed position did not move");
    }

    [Fact]
    public void More_hopfield_steps_change_the_output()
    {
        manual_seed(6);
        using var one = new GptModel(s_small with { Attention = "hopfield", HopfieldSteps = 1, HopfieldBeta = 2.0 });
        using var three = new GptModel(s_small with { Attention = "hopfield", HopfieldSteps = 3, HopfieldBeta = 2.0 });
        three.load_state_dict(one.state_dict());
        using Tensor idx = randint(29, new long[] { 2, 6 });
        using Tensor a = one.forward(idx);
        using Tensor b = three.forward(idx);

        Assert.True(TensorAssert.MaxAbsDiff(a, b) > 1e-5);
    }

    private static Tensor Tensor64(double[,] m) => tensor(m, ScalarType.Float64);

    private static double[,] Scores(double[,] xi, double[,] k, double beta)
    {
        var s = new double[xi.GetLength(0), k.GetLength(0)];
        for (int i = 0; i < s.GetLength(0); i++)
        {
            for (int j = 0; j < s.GetLength(1); j++)
            {
                for (int c = 0; c < xi.GetLength(1); c++)
                {
                    s[i, j] += beta * xi[i, c] * k[j, c];
                }
            }
        }

        return s;
    }

    private static double[,] SoftmaxRows(double[,] s)
    {
        var p = new double[s.GetLength(0), s.GetLength(1)];
        for (int i = 0; i < s.GetLength(0); i++)
        {
            double max = double.NegativeInfinity, sum = 0;
            for (int j = 0; j < s.GetLength(1); j++)
            {
                max = Math.Max(max, s[i, j]);
            }

            for (int j = 0; j < s.GetLength(1); j++)
            {
                p[i, j] = Math.Exp(s[i, j] - max);
                sum += p[i, j];
            }

            for (int j = 0; j < s.GetLength(1); j++)
            {
                p[i, j] /= sum;
            }
        }

        return p;
    }

    private static double[,] MatMul(double[,] a, double[,] b)
    {
        var c = new double[a.GetLength(0), b.GetLength(1)];
        for (int i = 0; i < c.GetLength(0); i++)
        {
            for (int j = 0; j < c.GetLength(1); j++)
            {
                for (int t = 0; t < a.GetLength(1); t++)
                {
                    c[i, j] += a[i, t] * b[t, j];
                }
            }
        }

        return c;
    }
}
