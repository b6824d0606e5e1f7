using static Trainer.Torch.torch;
using static Trainer.Torch.Tests.NnTests.TestTensors;
using F = Trainer.Torch.torch.nn.functional;

namespace Trainer.Torch.Tests.NnTests;

/// <summary>torch.nn.functional against formulas written here from the definitions.</summary>
public class FunctionalTests
{
    [Fact]
    public void Cross_entropy_matches_its_definition_with_ignore_index_and_label_smoothing()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = Uniform(7, new long[] { 4, 3 }, -2, 2, ScalarType.Float64);
        Tensor y = Longs(new long[] { 2, -100, 0, 1 });
        Tensor logp = x.log_softmax(1);
        double[] lp = logp.data<double>();
        long[] t = y.data<long>();
        double eps = 0.2, sum = 0, sumNone = 0;
        int kept = 0;
        var none = new double[4];
        for (int n = 0; n < 4; n++)
        {
            if (t[n] == -100)
            {
                continue;
            }

            double nll = -lp[n * 3 + t[n]];
            double uniform = -(lp[n * 3] + lp[n * 3 + 1] + lp[n * 3 + 2]) / 3;
            none[n] = (1 - eps) * nll + eps * uniform;
            sum += none[n];
            sumNone += none[n];
            kept++;
        }

        Assert.Equal(sum / kept, F.cross_entropy(x, y, label_smoothing: eps).item<double>(), 12);
        Assert.Equal(sum, F.cross_entropy(x, y, label_smoothing: eps, reduction: "sum").item<double>(), 12);
        double[] perRow = F.cross_entropy(x, y, label_smoothing: eps, reduction: "none").data<double>();
        for (int n = 0; n < 4; n++)
        {
            Assert.Equal(none[n], perRow[n], 12);
        }

        Assert.Equal(F.nll_loss(logp, y).item<double>(), F.cross_entropy(x, y).item<double>(), 12);
        var ex = Assert.Throws<ArgumentException>(() => F.cross_entropy(x, y, reduction: "avg"));
        Assert.Contains("none, mean, sum", ex.Message);
    }

    [Fact]
    public void Weighted_cross_entropy_divides_by_the_sum_of_target_weights()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = Uniform(8, new long[] { 3, 2 }, -1, 1, ScalarType.Float64);
        Tensor y = Longs(new long[] { 0, 1, 1 });
        Tensor w = tensor(new double[] { 2, 0.5 });
        double[] lp = x.log_softmax(1).data<double>();
        double num = 2 * -lp[0] + 0.5 * -lp[3] + 0.5 * -lp[5];
        Assert.Equal(num / 3.0, F.cross_entropy(x, y, weight: w).item<double>(), 12);
    }

    [Fact]
    public void Mse_and_bce_with_logits_match_their_formulas()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor a = tensor(new double[] { 1, -2, 0.5 });
        Tensor b = tensor(new double[] { 0, 1, 0.5 });
        Assert.Equal((1 + 9 + 0) / 3.0, F.mse_loss(a, b).item<double>(), 12);
        Assert.Equal(10.0, F.mse_loss(a, b, "sum").item<double>(), 12);
        // -[y log s(x) + (1 - y) log(1 - s(x))]
        double[] x = { 1, -2, 0.5 }, y = { 0, 1, 0.5 };
        double mean = x.Select((xi, i) => -(y[i] * Math.Log(Sig(xi)) + (1 - y[i]) * Math.Log(1 - Sig(xi)))).Average();
        Assert.Equal(mean, F.binary_cross_entropy_with_logits(a, b).item<double>(), 12);
    }

    [Fact]
    public void Normalize_and_cosine_similarity_use_euclidean_norms()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = tensor(new double[] { 3, 4, 0, 0, 0, 0 }, new long[] { 2, 3 });
        Assert.Equal(new double[] { 0.6, 0.8, 0, 0, 0, 0 }, F.normalize(x).data<double>()); // zero row stays zero (eps)
        Tensor u = tensor(new double[] { 1, 2, 2 }, new long[] { 1, 3 });
        Tensor v = tensor(new double[] { 2, 0, 1 }, new long[] { 1, 3 });
        Assert.Equal(4.0 / (3 * Math.Sqrt(5)), F.cosine_similarity(u, v).item<double>(), 12);
    }

    [Fact]
    public void Dropout_is_the_identity_when_not_training()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = Uniform(9, new long[] { 50 });
        Assert.True(F.dropout(x, 0.9, training: false).equal(x));
        Assert.Equal(0f, F.dropout(x, 1.0).abs().sum().item<float>());
        Assert.Throws<ArgumentOutOfRangeException>(() => F.dropout(x, 1.5));
    }

    [Fact]
    public void Pad_adds_constants_from_the_last_dimension_backwards_and_crops_with_negatives()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        Tensor p = F.pad(x, new long[] { 1, 0, 0, 1 }, value: 9);
        Assert.Equal(new long[] { 3, 3 }, p.shape);
        Assert.Equal(new float[] { 9, 1, 2, 9, 3, 4, 9, 9, 9 }, p.data<float>());
        Assert.Equal(new float[] { 2, 4 }, F.pad(x, new long[] { -1, 0 }).data<float>());
        Assert.Throws<ArgumentException>(() => F.pad(x, new long[] { 1 }));
    }

    [Fact]
    public void One_hot_and_softmax_follow_the_definitions()
    {
        using DisposeScope scope = NewDisposeScope();
        Assert.Equal(new long[] { 0, 1, 0, 0, 0, 1 }, F.one_hot(Longs(new long[] { 1, 2 }), 3).data<long>());
        Tensor x = tensor(new double[] { 1, 2, 3 });
        double z = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Assert.Equal(Math.Exp(2) / z, F.softmax(x, 0).data<double>()[1], 12);
        Assert.Equal(3 - Math.Log(z), F.log_softmax(x, 0).data<double>()[2], 12);
    }

    [Fact]
    public void Attention_equals_softmax_of_scaled_scores_times_values()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor q = Uniform(10, new long[] { 2, 3, 4 }, -1, 1, ScalarType.Float64);
        Tensor k = Uniform(11, new long[] { 2, 5, 4 }, -1, 1, ScalarType.Float64);
        Tensor v = Uniform(12, new long[] { 2, 5, 2 }, -1, 1, ScalarType.Float64);
        Tensor mask = tensor(new[] { true, true, false, true, false, false, true, true, true, true, true, false, false, false, true },
            new long[] { 3, 5 });
        Tensor y = F.scaled_dot_product_attention(q, k, v, mask);
        // Element by element: a_ij = exp(q_i.k_j / 2) over allowed j, normalised; y_i = sum_j a_ij v_j.
        double[] qa = q.data<double>(), ka = k.data<double>(), va = v.data<double>(), ya = y.data<double>();
        bool[] m = mask.data<bool>();
        for (int b = 0; b < 2; b++)
        {
            for (int i = 0; i < 3; i++)
            {
                var w = new double[5];
                for (int j = 0; j < 5; j++)
                {
                    double dot = 0;
                    for (int e = 0; e < 4; e++)
                    {
                        dot += qa[(b * 3 + i) * 4 + e] * ka[(b * 5 + j) * 4 + e];
                    }

                    w[j] = m[i * 5 + j] ? Math.Exp(dot / 2) : 0;
                }

                double z = w.Sum();
                for (int c = 0; c < 2; c++)
                {
                    double expected = Enumerable.Range(0, 5).Sum(j => w[j] / z * va[(b * 5 + j) * 2 + c]);
                    Assert.Equal(expected, ya[(b * 3 + i) * 2 + c], 12);
                }
            }
        }
    }

    [Fact]
    public void Causal_attention_ignores_future_tokens()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor q = Uniform(13, new long[] { 1, 2, 6, 4 });
        Tensor k = Uniform(14, new long[] { 1, 2, 6, 4 });
        Tensor v = Uniform(15, new long[] { 1, 2, 6, 4 });
        Tensor y = F.scaled_dot_product_attention(q, k, v, is_causal: true);
        Tensor k2 = k.clone();
        Tensor v2 = v.clone();
        k2[.., .., 4..] = Uniform(16, new long[] { 1, 2, 2, 4 });
        v2[.., .., 4..] = Uniform(17, new long[] { 1, 2, 2, 4 });
        Tensor y2 = F.scaled_dot_product_attention(q, k2, v2, is_causal: true);
        Assert.True(y[.., .., ..4].equal(y2[.., .., ..4])); // positions 0..3 never see keys 4, 5
        Assert.False(y[.., .., 4..].allclose(y2[.., .., 4..]));
        Tensor tril = ones(new long[] { 6, 6 }, ScalarType.Bool).tril();
        Assert.True(y.allclose(F.scaled_dot_product_attention(q, k, v, tril), atol: 1e-6));
        Assert.True(v[.., .., 0].allclose(y[.., .., 0], atol: 1e-6)); // the first query sees only the first value
    }

    [Fact]
    public void Attention_dropout_perturbs_the_weights_and_causal_excludes_a_mask()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor q = Uniform(18, new long[] { 2, 8, 4 });
        Tensor y = F.scaled_dot_product_attention(q, q, q);
        Tensor yd = F.scaled_dot_product_attention(q, q, q, dropout_p: 0.5);
        Assert.Equal(y.shape, yd.shape);
        Assert.False(y.allclose(yd));
        Tensor mask = ones(new long[] { 8, 8 }, ScalarType.Bool);
        Assert.Throws<ArgumentException>(() => F.scaled_dot_product_attention(q, q, q, mask, is_causal: true));
    }

    private static double Sig(double x) => 1 / (1 + Math.Exp(-x));
}
