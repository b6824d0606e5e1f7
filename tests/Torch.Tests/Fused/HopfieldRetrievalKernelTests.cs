using System.Globalization;
using System.Text.Json;
using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.Fused;

/// <summary>
/// nn.functional.hopfield_retrieve (native/hopfield_retrieval.cpp) against python3-torch iterating
/// xi &lt;- softmax(beta xi X^T) X in float64 on the same float32 inputs (libtorch's generator, same seed), on the
/// direct-exp path (|beta| max||xi|| max||x|| &lt;= 60) and the online-softmax path, with tiles that do not divide
/// the sizes; plus thread-count invariance and the errors of bad inputs.
/// </summary>
[Collection(Trainer.Torch.Tests.NnTests.GlobalGeneratorCollection.Name)]
public sealed class HopfieldRetrievalKernelTests
{
    // patterns M, queries B, dim d, pattern scale (0 = unit rows), beta, steps, threads, query tile, pattern tile
    [Theory]
    [InlineData(37, 5, 8, 1.0, 0.5, 3, 1, 0, 0)]          // tiny, direct exp, one tile
    [InlineData(3000, 70, 64, 0.0, 16.0, 2, 2, 32, 0)]    // direct exp, 3000 = 2 x 1024 + 952, 70 = 2 x 32 + 6
    [InlineData(3000, 70, 64, 0.0, 100.0, 3, 2, 16, 333)] // beta 100 > 60: online softmax over 10 tiles
    [InlineData(500, 9, 16, 3.0, 10.0, 2, 1, 4, 100)]     // scores up to ~10^3: plain exp would overflow
    public void It_matches_pytorch_iterating_softmax_updates(
        int m, int b, int d, double scale, double beta, int steps, int threads, int queryTile, int patternTile)
    {
        string s = scale.ToString(CultureInfo.InvariantCulture), bt = beta.ToString(CultureInfo.InvariantCulture);
        string script = $$"""
            import json, torch
            torch.manual_seed(3)
            x = torch.randn({{m}}, {{d}})
            xi = torch.randn({{b}}, {{d}})
            if {{s}} == 0:
                x = x / x.norm(dim=1, keepdim=True)
                xi = xi / xi.norm(dim=1, keepdim=True)
            else:
                x = x * {{s}}
            x, xi = x.double(), xi.double()
            for _ in range({{steps}}):
                xi = torch.softmax({{bt}} * (xi @ x.T), dim=-1) @ x
            print(json.dumps(xi.flatten().tolist()))
            """;
        JsonElement? reference = PythonReference.RunJson(script);
        if (reference is null)
        {
            return; // PythonReference printed why (python3-torch missing)
        }

        using DisposeScope scope = NewDisposeScope();
        (Tensor x, Tensor xi) = Inputs(m, b, d, scale);
        Tensor result = nn.functional.hopfield_retrieve(x, xi, beta, steps, threads, queryTile, patternTile);

        Assert.Equal(new long[] { b, d }, result.shape);
        float[] ours = result.data<float>();
        double[] expected = reference.Value.EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(expected.Length, ours.Length);
        double tolerance = 2e-5 * Math.Max(1, scale);
        for (int i = 0; i < ours.Length; i++)
        {
            Assert.True(Math.Abs(ours[i] - expected[i]) <= tolerance, $"element {i}: ours {ours[i]}, pytorch {expected[i]}");
        }
    }

    [Fact]
    public void Two_threads_give_the_same_bits_as_one_and_the_BLAS_thread_count_is_restored()
    {
        using DisposeScope scope = NewDisposeScope();
        (Tensor x, Tensor xi) = Inputs(1000, 50, 32, 0);
        int blasBefore = Runtime.BlasThreads;
        Tensor one = nn.functional.hopfield_retrieve(x, xi, 20, 3, threads: 1, query_tile: 8);
        Tensor two = nn.functional.hopfield_retrieve(x, xi, 20, 3, threads: 2, query_tile: 8);
        Tensor byDefault = nn.functional.hopfield_retrieve(x, xi, 20, 3, query_tile: 8);

        Assert.Equal(one.data<float>(), two.data<float>());
        Assert.Equal(one.data<float>(), byDefault.data<float>());
        Assert.Equal(blasBefore, Runtime.BlasThreads);
    }

    [Fact]
    public void Zero_steps_return_a_copy_of_the_states()
    {
        using DisposeScope scope = NewDisposeScope();
        (Tensor x, Tensor xi) = Inputs(10, 3, 4, 1);
        Tensor result = nn.functional.hopfield_retrieve(x, xi, 1, 0);
        Assert.Equal(xi.data<float>(), result.data<float>());
        result.mul_(2);
        Assert.NotEqual(xi.data<float>(), result.data<float>());
    }

    [Fact]
    public void A_shape_mismatch_names_both_shapes()
    {
        using DisposeScope scope = NewDisposeScope();
        var e = Assert.Throws<TorchException>(() => nn.functional.hopfield_retrieve(zeros(10, 4), zeros(3, 5), 1, 1));
        Assert.Contains("[10, 4]", e.Message);
        Assert.Contains("[3, 5]", e.Message);
        var flat = Assert.Throws<TorchException>(() => nn.functional.hopfield_retrieve(zeros(10), zeros(3, 10), 1, 1));
        Assert.Contains("[10]", flat.Message);
        Assert.Contains("[3, 10]", flat.Message);
    }

    [Fact]
    public void Bad_inputs_give_clear_errors()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = randn(20, 4), xi = randn(3, 4);
        Assert.Contains("float32", Assert.Throws<TorchException>(
            () => nn.functional.hopfield_retrieve(x.to(ScalarType.Float64), xi, 1, 1)).Message);
        Assert.Contains("require grad", Assert.Throws<TorchException>(
            () => nn.functional.hopfield_retrieve(x, xi.clone().requires_grad_(), 1, 1)).Message);
        Assert.Contains("contiguous", Assert.Throws<TorchException>(
            () => nn.functional.hopfield_retrieve(randn(4, 20).T, xi, 1, 1)).Message);
        Assert.Contains("steps", Assert.Throws<TorchException>(
            () => nn.functional.hopfield_retrieve(x, xi, 1, -1)).Message);
        Assert.Contains("at least one pattern", Assert.Throws<TorchException>(
            () => nn.functional.hopfield_retrieve(zeros(0, 4), xi, 1, 1)).Message);
    }

    // X (m, d) and xi (b, d) as the python script makes them: randn after manual_seed(3), unit rows when scale is 0.
    private static (Tensor X, Tensor Xi) Inputs(int m, int b, int d, double scale)
    {
        manual_seed(3);
        Tensor x = randn(m, d), xi = randn(b, d);
        if (scale == 0)
        {
            return (x / x.norm(2, 1).unsqueeze(1), xi / xi.norm(2, 1).unsqueeze(1));
        }

        return (x * scale, xi);
    }
}
