using Trainer.Torch.Tests.NnTests;
using static Trainer.Torch.torch;
using static Trainer.Torch.Tests.NnTests.TestTensors;
using F = Trainer.Torch.torch.nn.functional;

namespace Trainer.Torch.Tests.GradCheckTests;

/// <summary>
/// Finite-difference checks (float64, central differences, eps 1e-6, rtol 1e-5) of every differentiable op the
/// models use. Each case builds its own inputs and the function of them to check.
/// </summary>
public class OpGradientTests
{
    private static readonly Dictionary<string, Func<(Func<Tensor[], Tensor> f, Tensor[] inputs)>> s_cases = new()
    {
        ["matmul"] = () => (x => x[0].matmul(x[1]), new[] { Leaf(1, -1, 1, 3, 4), Leaf(2, -1, 1, 4, 2) }),
        ["matmul_batched_broadcast"] = () => (x => x[0].matmul(x[1]), new[] { Leaf(3, -1, 1, 2, 3, 4), Leaf(4, -1, 1, 4, 5) }),
        ["bmm"] = () => (x => x[0].bmm(x[1]), new[] { Leaf(5, -1, 1, 2, 3, 4), Leaf(6, -1, 1, 2, 4, 2) }),
        ["add_broadcast"] = () => (x => x[0] + x[1], new[] { Leaf(7, -1, 1, 3, 1), Leaf(8, -1, 1, 1, 4) }),
        ["sub_broadcast"] = () => (x => x[0] - x[1] * 2.5, new[] { Leaf(9, -1, 1, 2, 3), Leaf(10, -1, 1, 3) }),
        ["mul_broadcast"] = () => (x => x[0] * x[1], new[] { Leaf(11, -1, 1, 2, 3, 4), Leaf(12, -1, 1, 3, 1) }),
        ["div_broadcast"] = () => (x => x[0] / x[1], new[] { Leaf(13, -1, 1, 3, 4), Leaf(14, 1, 2, 4) }),
        ["scalar_div"] = () => (x => 2.0 / x[0] - 3.0, new[] { Leaf(15, 1, 2, 5) }),
        ["pow_scalar"] = () => (x => x[0].pow(3.0) + x[0].pow(0.5), new[] { Leaf(16, 0.5, 2, 6) }),
        ["pow_tensor"] = () => (x => x[0].pow(x[1]), new[] { Leaf(17, 0.5, 2, 2, 3), Leaf(18, -1, 2, 2, 3) }),
        ["exp"] = () => (x => x[0].exp(), new[] { Leaf(19, -2, 2, 6) }),
        ["log"] = () => (x => x[0].log(), new[] { Leaf(20, 0.3, 3, 6) }),
        ["sqrt"] = () => (x => x[0].sqrt(), new[] { Leaf(21, 0.3, 3, 6) }),
        ["rsqrt"] = () => (x => x[0].rsqrt(), new[] { Leaf(22, 0.3, 3, 6) }),
        ["tanh"] = () => (x => x[0].tanh(), new[] { Leaf(23, -2, 2, 6) }),
        ["sigmoid"] = () => (x => x[0].sigmoid(), new[] { Leaf(24, -3, 3, 6) }),
        ["gelu_exact"] = () => (x => F.gelu(x[0]), new[] { Leaf(25, -3, 3, 8) }),
        ["gelu_tanh"] = () => (x => F.gelu(x[0], "tanh"), new[] { Leaf(26, -3, 3, 8) }),
        ["silu"] = () => (x => F.silu(x[0]), new[] { Leaf(27, -3, 3, 8) }),
        ["relu_away_from_zero"] = () => (x => F.relu(x[0]), new[] { AwayFromZero(28, 8) }),
        ["softplus_logsigmoid"] = () => (x => F.softplus(x[0]) + F.logsigmoid(x[0]), new[] { Leaf(29, -3, 3, 6) }),
        ["softmax"] = () => (x => F.softmax(x[0], -1), new[] { Leaf(30, -2, 2, 3, 5) }),
        ["log_softmax"] = () => (x => F.log_softmax(x[0], 1), new[] { Leaf(31, -2, 2, 2, 4, 3) }),
        ["logsumexp"] = () => (x => x[0].logsumexp(1, keepdim: true), new[] { Leaf(32, -2, 2, 3, 5) }),
        ["sum_over_dims"] = () => (x => x[0].sum(new long[] { 0, 2 }) * x[0].sum(), new[] { Leaf(33, -1, 1, 2, 3, 4) }),
        ["mean_over_dim"] = () => (x => x[0].mean(1, keepdim: true).square(), new[] { Leaf(34, -1, 1, 3, 4) }),
        ["var_over_dim"] = () => (x => x[0].var(1) + x[0].var(new long[] { 1 }, correction: 0), new[] { Leaf(35, -1, 1, 3, 5) }),
        ["std_over_dim"] = () => (x => x[0].std(0), new[] { Leaf(36, -1, 1, 4, 3) }),
        ["norm_over_dim"] = () => (x => x[0].norm(2, 1) + x[0].norm(), new[] { Leaf(37, -1, 1, 3, 4) }),
        ["layer_norm"] = () => (x => F.layer_norm(x[0], new long[] { 5 }, x[1], x[2]),
            new[] { Leaf(38, -2, 2, 3, 5), Leaf(39, 0.5, 1.5, 5), Leaf(40, -0.5, 0.5, 5) }),
        ["linear"] = () => (x => F.linear(x[0], x[1], x[2]), new[] { Leaf(41, -1, 1, 2, 3, 4), Leaf(42, -1, 1, 5, 4), Leaf(43, -1, 1, 5) }),
        ["embedding_dense"] = () => (x => F.embedding(Longs(new long[] { 0, 3, 3, 1, 4, 0 }, 2, 3), x[0]), new[] { Leaf(44, -1, 1, 5, 3) }),
        ["cross_entropy"] = () => (x => F.cross_entropy(x[0], Longs(new long[] { 1, 0, 4, 2 })), new[] { Leaf(45, -2, 2, 4, 5) }),
        ["cross_entropy_ignore_index_label_smoothing"] = () => (
            x => F.cross_entropy(x[0], Longs(new long[] { 1, -100, 4, 2, 0 }), label_smoothing: 0.1),
            new[] { Leaf(46, -2, 2, 5, 5) }),
        ["cross_entropy_weighted_sum_spatial"] = () => (
            x => F.cross_entropy(x[0], Longs(new long[] { 0, 2, 1, 1, 2, 0 }, 2, 3), weight: tensor(new double[] { 0.5, 1.0, 2.0 }), reduction: "sum"),
            new[] { Leaf(47, -2, 2, 2, 3, 3) }),
        ["nll_loss"] = () => (x => F.nll_loss(F.log_softmax(x[0], 1), Longs(new long[] { 2, 0, 1 })), new[] { Leaf(48, -2, 2, 3, 4) }),
        ["mse_loss"] = () => (x => F.mse_loss(x[0], x[1]) + F.mse_loss(x[0], x[1], "none").sum(), new[] { Leaf(49, -1, 1, 2, 3), Leaf(50, -1, 1, 2, 3) }),
        ["bce_with_logits"] = () => (
            x => F.binary_cross_entropy_with_logits(x[0], tensor(Doubles(51, 6, 0, 1), new long[] { 2, 3 }), pos_weight: tensor(new double[] { 1.0, 2.0, 0.5 })),
            new[] { Leaf(52, -3, 3, 2, 3) }),
        ["normalize"] = () => (x => F.normalize(x[0], dim: 1), new[] { Leaf(53, -1, 1, 3, 4) }),
        ["cosine_similarity"] = () => (x => F.cosine_similarity(x[0], x[1], dim: 1), new[] { Leaf(54, -1, 1, 3, 4), Leaf(55, -1, 1, 3, 4) }),
        ["cdist"] = () => (x => cdist(x[0], x[1]), new[] { Leaf(56, -1, 1, 3, 4), Leaf(57, 2, 3, 2, 4) }),
        ["masked_fill"] = () => (x => x[0].masked_fill(tensor(new[] { true, false, false, true, false, true }, new long[] { 2, 3 }), -1.5),
            new[] { Leaf(58, -1, 1, 2, 3) }),
        ["gather"] = () => (x => x[0].gather(1, Longs(new long[] { 0, 0, 2, 1, 2, 2 }, 2, 3)), new[] { Leaf(59, -1, 1, 2, 3) }),
        ["index_select"] = () => (x => x[0].index_select(0, Longs(new long[] { 2, 0, 2 })), new[] { Leaf(60, -1, 1, 3, 2) }),
        ["cat_stack"] = () => (x => stack(new[] { cat(new[] { x[0], x[1] }, 1), cat(new[] { x[1], x[0] }, 1) }, 0),
            new[] { Leaf(61, -1, 1, 2, 3), Leaf(62, -1, 1, 2, 3) }),
        ["transpose_view_permute_reshape"] = () => (x => x[0].transpose(0, 1).contiguous().view(4, 6).permute(1, 0).reshape(2, 12) * x[0].view(2, 12),
            new[] { Leaf(63, -1, 1, 2, 3, 4) }),
        ["narrow_and_indexing"] = () => (x => x[0].narrow(1, 1, 2) * x[0][.., 1..3] + x[0][1].unsqueeze(0)[.., 0..2] + x[0][Longs(new long[] { 2, 2, 0 })][.., ^2..],
            new[] { Leaf(64, -1, 1, 3, 4) }),
        ["einsum"] = () => (x => einsum("bij,bjk->bik", x[0], x[1]).sum(2) * einsum("bi,bi->b", x[0][.., .., 0], x[0][.., .., 1]).unsqueeze(1),
            new[] { Leaf(65, -1, 1, 2, 3, 4), Leaf(66, -1, 1, 2, 4, 2) }),
        ["sdpa_causal"] = () => (x => F.scaled_dot_product_attention(x[0], x[1], x[2], is_causal: true),
            new[] { Leaf(67, -1, 1, 2, 4, 3), Leaf(68, -1, 1, 2, 4, 3), Leaf(69, -1, 1, 2, 4, 3) }),
        ["sdpa_bool_mask_and_scale"] = () => (
            x => F.scaled_dot_product_attention(x[0], x[1], x[2], tensor(new[] { true, false, true, true, true, false }, new long[] { 2, 3 }), scale: 0.7),
            new[] { Leaf(70, -1, 1, 2, 3), Leaf(71, -1, 1, 3, 3), Leaf(72, -1, 1, 3, 2) }),
        ["sdpa_additive_mask"] = () => (x => F.scaled_dot_product_attention(x[0], x[1], x[2], x[3]),
            new[] { Leaf(73, -1, 1, 1, 3, 2), Leaf(74, -1, 1, 1, 3, 2), Leaf(75, -1, 1, 1, 3, 2), Leaf(76, -1, 1, 3, 3) }),
    };

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string name in s_cases.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Analytic_gradient_matches_central_differences(string op)
    {
        using DisposeScope scope = NewDisposeScope();
        var (f, inputs) = s_cases[op]();
        GradCheck.Check(f, inputs);
    }

    [Fact]
    public void A_wrong_gradient_is_caught()
    {
        // x * detach(x) has true derivative 2x but autograd sees only x: the check must fail.
        using DisposeScope scope = NewDisposeScope();
        Tensor x = Leaf(99, 0.5, 1.5, 4);
        Assert.ThrowsAny<Exception>(() => GradCheck.Check(t => t[0] * t[0].detach(), x));
    }
}
