using System.Globalization;
using System.Text.Json;
using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.Fused;

/// <summary>
/// torch.normal_ziggurat_ (native/normal_ziggurat.cpp): the draws are N(0, std^2) by scipy's Kolmogorov-Smirnov test
/// and by the counts beyond 2, 3 and 4 standard deviations against scipy's normal tail (the last is sampled by the
/// tail algorithm beyond r = 3.44), and the bits depend on the seed only, not on the thread count.
/// </summary>
public sealed class NormalZigguratTests
{
    [Fact]
    public void Draws_pass_a_normality_test_and_match_the_normal_tails()
    {
        const int n = 1_000_000;
        const double std = 0.25;
        using Tensor x = normal_ziggurat_(empty(n), seed: 42, std: std, threads: 2);
        string path = Path.Combine(Path.GetTempPath(), $"ziggurat-{Environment.ProcessId}-{Guid.NewGuid():N}.f32");
        try
        {
            File.WriteAllBytes(path, x.data<float>().SelectMany(BitConverter.GetBytes).ToArray());
            string script = $$"""
                import json, numpy as np
                from scipy import stats
                x = np.fromfile("{{path}}", dtype=np.float32).astype(np.float64) / {{std.ToString(CultureInfo.InvariantCulture)}}
                out = {"ks_p": float(stats.kstest(x, "norm").pvalue), "mean": float(x.mean()), "var": float(x.var())}
                for c in (2, 3, 4):
                    expected = 2 * stats.norm.sf(c) * len(x)
                    out[f"z{c}"] = float((np.abs(x) > c).sum() - expected) / float(np.sqrt(expected))
                print(json.dumps(out))
                """;
            JsonElement? r = PythonReference.RunJson(script);
            if (r is null)
            {
                return; // PythonReference printed why (python3-torch missing)
            }

            JsonElement v = r.Value;
            Assert.True(v.GetProperty("ks_p").GetDouble() > 1e-3, $"KS p-value {v.GetProperty("ks_p").GetDouble()}");
            Assert.InRange(v.GetProperty("mean").GetDouble(), -5e-3, 5e-3);   // sd of the mean: 1e-3
            Assert.InRange(v.GetProperty("var").GetDouble(), 0.993, 1.007);   // sd of the variance: 1.4e-3
            foreach (int c in new[] { 2, 3, 4 })
            {
                double z = v.GetProperty($"z{c}").GetDouble();
                Assert.True(Math.Abs(z) < 5, $"count beyond {c} sd is {z:F2} sd from the normal tail");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_bits_depend_on_the_seed_and_not_on_the_thread_count()
    {
        const long n = 3 * 16384 + 11; // blocks of 16384 elements, the last one short
        using Tensor one = normal_ziggurat_(empty(n), seed: 7, threads: 1);
        float[] reference = one.data<float>();
        foreach (int threads in new[] { 2, 3, 8 })
        {
            using Tensor t = normal_ziggurat_(empty(n), seed: 7, threads: threads);
            Assert.Equal(reference, t.data<float>());
        }

        using Tensor other = normal_ziggurat_(empty(n), seed: 8);
        Assert.True(other.data<float>().Zip(reference).Count(p => p.First == p.Second) < 10, "another seed gives other draws");
        using Tensor scaled = normal_ziggurat_(empty(n), seed: 7, std: 3);
        float[] s = scaled.data<float>();
        Assert.All(Enumerable.Range(0, (int)n), i => Assert.Equal(3.0 * reference[i], s[i], 1e-5 * Math.Max(1, Math.Abs(s[i]))));
    }

    [Fact]
    public void Bad_targets_raise_a_clear_torch_exception()
    {
        using Tensor d = empty(new long[] { 4 }, ScalarType.Float64);
        Assert.Contains("float32", Assert.Throws<TorchException>(() => normal_ziggurat_(d, 1)).Message, StringComparison.Ordinal);
        using Tensor m = empty(4, 6);
        Assert.Contains("contiguous", Assert.Throws<TorchException>(() => normal_ziggurat_(m.t(), 1)).Message, StringComparison.Ordinal);
        Assert.Contains("std >= 0", Assert.Throws<TorchException>(() => normal_ziggurat_(m, 1, std: -1)).Message, StringComparison.Ordinal);
    }
}
