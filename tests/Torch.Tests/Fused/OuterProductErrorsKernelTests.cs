using System.Text.Json;
using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.Fused;

/// <summary>
/// nn.functional.outer_product_errors (native/outer_product_scoring.cpp) against python3-torch computing
/// err_k = p . 1[argmax_y (E V)[x, k M + y] != f*(x)] op by op on the same inputs (libtorch's generator, same seed),
/// with many ties (small integer entries, so E V is exact and both sides must take the first maximum), row counts the
/// tile does not divide, and 1 or 2 threads; plus invariance to tile and thread count and the errors of bad inputs.
/// </summary>
[Collection(Trainer.Torch.Tests.NnTests.GlobalGeneratorCollection.Name)]
public sealed class OuterProductErrorsKernelTests
{
    // rows N, dim d, readouts K, classes M, integer entries (ties), tile, threads
    [Theory]
    [InlineData(1000, 16, 3, 5, true, 64, 1)]     // 1000 = 15 x 64 + 40, many ties
    [InlineData(1000, 16, 3, 5, true, 64, 2)]
    [InlineData(777, 40, 4, 5, false, 100, 2)]    // float scores, 777 = 7 x 100 + 77
    [InlineData(50, 8, 1, 2, true, 512, 1)]       // one tile larger than N
    public void It_matches_pytorch_argmax_errors(int n, int d, int k, int m, bool integers, int tile, int threads)
    {
        string script = $$"""
            import json, torch
            torch.manual_seed(7)
            e = torch.randn({{n}}, {{d}})
            v = torch.randn({{d}}, {{k * m}})
            if {{(integers ? "True" : "False")}}:
                e, v = (e * 1.2).round(), (v * 1.2).round()
            w = torch.randn({{n}}).abs().double()
            labels = (torch.arange({{n}}) * 7 + 3) % {{m}}
            pred = (e @ v).view({{n}}, {{k}}, {{m}}).argmax(2)
            err = w @ (pred != labels[:, None]).double()
            ties = int(((e @ v).view({{n}}, {{k}}, {{m}}) == (e @ v).view({{n}}, {{k}}, {{m}}).max(2, keepdim=True).values).sum(2).gt(1).sum())
            print(json.dumps({"err": err.tolist(), "ties": ties}))
            """;
        JsonElement? reference = PythonReference.RunJson(script);
        if (reference is null)
        {
            return; // PythonReference printed why (python3-torch missing)
        }

        manual_seed(7);
        using DisposeScope scope = NewDisposeScope();
        Tensor e = randn(n, d), v = randn(d, k * m);
        if (integers)
        {
            e = (e * 1.2).round();
            v = (v * 1.2).round();
        }

        Tensor w = randn(n).abs().to(ScalarType.Float64);
        Tensor labels = (arange(n, ScalarType.Int64) * 7 + 3).remainder(m);
        double[] err = nn.functional.outer_product_errors(e, v, labels, w, m, tile, threads).data<double>();

        double[] expected = reference.Value.GetProperty("err").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        Assert.Equal(expected.Length, err.Length);
        for (int i = 0; i < k; i++)
        {
            Assert.True(Math.Abs(expected[i] - err[i]) <= 1e-9 * Math.Max(1, expected[i]), $"readout {i}: ours {err[i]}, torch {expected[i]}");
        }

        if (integers)
        {
            Assert.True(reference.Value.GetProperty("ties").GetInt32() > n / 10, "the integer case must exercise ties");
        }
    }

    [Fact]
    public void Tile_size_and_thread_count_do_not_change_a_bit()
    {
        manual_seed(8);
        using DisposeScope scope = NewDisposeScope();
        Tensor e = randn(1003, 24), v = randn(24, 20), w = rand(1003).to(ScalarType.Float64);
        Tensor labels = arange(1003, ScalarType.Int64).remainder(5);
        double[] reference = nn.functional.outer_product_errors(e, v, labels, w, 5, tile: 1003).data<double>();
        foreach ((int tile, int threads) in new[] { (1, 1), (7, 2), (64, 3), (4096, 2) })
        {
            Assert.Equal(reference, nn.functional.outer_product_errors(e, v, labels, w, 5, tile, threads).data<double>());
        }
    }

    [Fact]
    public void A_non_contiguous_readout_gives_the_errors_of_its_contiguous_copy()
    {
        manual_seed(9);
        using DisposeScope scope = NewDisposeScope();
        Tensor e = randn(300, 12), vt = randn(10, 12), w = rand(300).to(ScalarType.Float64);
        Tensor labels = arange(300, ScalarType.Int64).remainder(5);
        Assert.Equal(
            nn.functional.outer_product_errors(e, vt.t().contiguous(), labels, w, 5).data<double>(),
            nn.functional.outer_product_errors(e, vt.t(), labels, w, 5).data<double>());
    }

    [Fact]
    public void Bad_inputs_raise_a_clear_torch_exception()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor e = zeros(10, 4), v = zeros(4, 10), w = zeros(new long[] { 10 }, ScalarType.Float64);
        Tensor labels = zeros(new long[] { 10 }, ScalarType.Int64);
        AssertThrows("readout rows", () => nn.functional.outer_product_errors(e, zeros(3, 10), labels, w, 5));
        AssertThrows("multiple of M", () => nn.functional.outer_product_errors(e, zeros(4, 9), labels, w, 5));
        AssertThrows("float32", () => nn.functional.outer_product_errors(e.to(ScalarType.Float64), v, labels, w, 5));
        AssertThrows("weights must be float64", () => nn.functional.outer_product_errors(e, v, labels, w.to(ScalarType.Float32), 5));
        AssertThrows("labels must be int64", () => nn.functional.outer_product_errors(e, v, labels.narrow(0, 0, 9), w, 5));
        AssertThrows("labels must lie in [0, 5)", () => nn.functional.outer_product_errors(e, v, labels + 5, w, 5));
        AssertThrows("tile and threads", () => nn.functional.outer_product_errors(e, v, labels, w, 5, tile: 0));
    }

    private static void AssertThrows(string fragment, Action call)
    {
        var ex = Assert.Throws<TorchException>(call);
        Assert.Contains("outer_product_errors", ex.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
    }
}
