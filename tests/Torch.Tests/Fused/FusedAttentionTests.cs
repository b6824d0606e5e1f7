using System.Text.Json;
using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.Fused;

/// <summary>
/// nn.functional.fused_attention (native/fused_attention.cpp) against python3-torch's attention written from ops:
/// split the packed qkv, heads, softmax(Q K^T / sqrt(hs) + M) V, heads concatenated; value and gradient.
/// </summary>
[Collection(Trainer.Torch.Tests.NnTests.GlobalGeneratorCollection.Name)]
public sealed class FusedAttentionTests
{
    private const long B = 2, T = 5, D = 12, Heads = 3;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Value_and_gradient_match_pytorch_attention_from_ops(bool causal)
    {
        string script = $$"""
            import json, math, torch
            torch.manual_seed(11)
            B, T, D, nh = {{B}}, {{T}}, {{D}}, {{Heads}}
            qkv = torch.randn(B, T, 3 * D).requires_grad_()
            w = torch.randn(B, T, D)
            q, k, v = (z.view(B, T, nh, D // nh).transpose(1, 2) for z in qkv.split(D, dim=2))
            s = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(D // nh))
            if {{(causal ? "True" : "False")}}:
                s = s.masked_fill(torch.ones(T, T, dtype=torch.bool).tril().logical_not(), float("-inf"))
            y = (s.softmax(-1) @ v).transpose(1, 2).contiguous().view(B, T, D)
            (y * w).sum().backward()
            print(json.dumps({"y": y.detach().flatten().tolist(), "grad": qkv.grad.flatten().tolist()}))
            """;
        JsonElement? reference = PythonReference.RunJson(script);
        if (reference is null)
        {
            return; // PythonReference printed why (python3-torch missing)
        }

        manual_seed(11);
        using Tensor qkv = randn(B, T, 3 * D).requires_grad_();
        using Tensor w = randn(B, T, D);
        using Tensor y = nn.functional.fused_attention(qkv, Heads, is_causal: causal); // (B, T, D)
        using Tensor loss = (y * w).sum();
        loss.backward();

        Assert.Equal(new[] { B, T, D }, y.shape);
        AssertClose(reference.Value.GetProperty("y"), y.detach().data<float>());
        AssertClose(reference.Value.GetProperty("grad"), qkv.grad!.data<float>());
    }

    [Fact]
    public void It_equals_our_op_by_op_attention_on_a_strided_input()
    {
        manual_seed(5);
        using Tensor wide = randn(3, 7, 3 * 16 + 4);
        using Tensor qkv = wide.narrow(2, 2, 3 * 16); // (3, 7, 48), not contiguous
        using Tensor fused = nn.functional.fused_attention(qkv, 4);
        using DisposeScope scope = NewDisposeScope();
        Tensor[] parts = qkv.split(16, dim: 2);
        Tensor[] heads = parts.Select(p => p.view(3, 7, 4, 4).transpose(1, 2)).ToArray(); // (B, nh, T, hs)
        Tensor reference = nn.functional.scaled_dot_product_attention(heads[0], heads[1], heads[2], is_causal: true)
            .transpose(1, 2).contiguous().view(3, 7, 16);
        float maxDiff = (fused - reference).abs().max().item<float>();
        Assert.True(maxDiff < 1e-5f, $"max |fused - ops| = {maxDiff}");
    }

    [Theory]
    [InlineData(7, 4, 4)]
    [InlineData(200, 32, 1)]
    public void Value_and_gradient_equal_our_op_by_op_attention_for_short_and_long_sequences(long t, long hs, long heads)
    {
        manual_seed(6);
        long d = hs * heads;
        using Tensor qkv = randn(2, t, 3 * d).requires_grad_();
        using Tensor w = randn(2, t, d);
        using DisposeScope scope = NewDisposeScope();
        Tensor fused = nn.functional.fused_attention(qkv, heads);
        Tensor gFused = autograd.grad(new[] { (fused * w).sum() }, new[] { qkv })[0]!;
        Tensor[] h = qkv.split(d, dim: 2).Select(p => p.view(2, t, heads, hs).transpose(1, 2)).ToArray(); // (B, nh, T, hs)
        Tensor ops = nn.functional.scaled_dot_product_attention(h[0], h[1], h[2], is_causal: true)
            .transpose(1, 2).contiguous().view(2, t, d);
        Tensor gOps = autograd.grad(new[] { (ops * w).sum() }, new[] { qkv })[0]!;
        Assert.True((fused - ops).abs().max().item<float>() < 1e-5f, "values differ");
        Assert.True((gFused - gOps).abs().max().item<float>() < 1e-4f, "gradients differ");
    }

    [Fact]
    public void A_last_dimension_that_is_not_three_heads_wide_is_an_error()
    {
        using Tensor bad = zeros(2, 3, 10);
        var e = Assert.Throws<TorchException>(() => nn.functional.fused_attention(bad, 4).Dispose());
        Assert.Contains("n_head", e.Message, StringComparison.Ordinal);
    }

    private static void AssertClose(JsonElement expected, float[] actual)
    {
        double[] e = expected.EnumerateArray().Select(x => x.GetDouble()).ToArray();
        Assert.Equal(e.Length, actual.Length);
        for (int i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(e[i] - actual[i]) <= 1e-5 + 1e-5 * Math.Abs(e[i]), $"[{i}] expected {e[i]}, got {actual[i]}");
        }
    }
}
