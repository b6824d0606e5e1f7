using System.Text.Json;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.Optim;

/// <summary>Gradient clipping against torch.nn.utils (python3-torch) and against hand-computed norms.</summary>
public sealed class ClipGradTests
{
    [PyTorchFact]
    public void Clip_grad_norm_matches_torch_for_norms_1_2_3_and_infinity()
    {
        JsonElement[] cases = OptimFixture.Instance.Root.GetProperty("clip").EnumerateArray().ToArray();
        Assert.Equal(5, cases.Length);
        foreach (JsonElement c in cases)
        {
            using DisposeScope scope = NewDisposeScope();
            JsonElement nt = c.GetProperty("norm_type");
            double normType = nt.ValueKind == JsonValueKind.String ? double.PositiveInfinity : nt.GetDouble();
            var shapes = new Dictionary<string, long[]> { ["a"] = new long[] { 3, 4 }, ["c"] = new long[] { 6 }, ["d"] = new long[] { 2 } };
            var ps = shapes.ToDictionary(kv => kv.Key, kv => new Parameter(zeros(kv.Value)));
            foreach (var (k, p) in ps)
            {
                JsonElement g = c.GetProperty("grads").GetProperty(k);
                p.grad = g.ValueKind == JsonValueKind.Null ? null : tensor(OptimFixture.Floats(g), shapes[k]);
            }

            double total = nn.utils.clip_grad_norm_(ps.Values, c.GetProperty("max_norm").GetDouble(), normType);

            double want = c.GetProperty("total").GetDouble();
            Assert.True(Math.Abs(total - want) <= 1e-6 * want, $"p={normType}: total norm {total:R}, torch {want:R}");
            foreach (JsonProperty clipped in c.GetProperty("clipped").EnumerateObject())
            {
                var (diff, scale) = OptimFixture.Compare(ps[clipped.Name].grad!, OptimFixture.Floats(clipped.Value));
                Assert.True(diff <= 1e-6 * Math.Max(1, scale), $"p={normType}, grad {clipped.Name}: max |diff| {diff:E3}");
            }

            Assert.Null(ps["d"].grad);
        }
    }

    [Fact]
    public void Clip_grad_norm_scales_the_joint_two_norm_down_to_max_norm()
    {
        using DisposeScope scope = NewDisposeScope();
        var a = new Parameter(zeros(2));
        var b = new Parameter(zeros(1));
        a.grad = tensor(new float[] { 3, 0 });
        b.grad = tensor(new float[] { 4 });   // joint norm sqrt(9 + 16) = 5

        double total = nn.utils.clip_grad_norm_(new[] { a, b }, max_norm: 1.0);

        Assert.Equal(5.0, total, 6);
        double coef = 1.0 / (5.0 + 1e-6);
        Assert.Equal(3 * coef, a.grad!.data<float>()[0], 6);
        Assert.Equal(4 * coef, b.grad!.data<float>()[0], 6);
    }

    [Fact]
    public void Clip_grad_norm_leaves_small_gradients_unchanged_and_returns_zero_without_gradients()
    {
        using DisposeScope scope = NewDisposeScope();
        var a = new Parameter(zeros(3));
        Assert.Equal(0.0, nn.utils.clip_grad_norm_(new[] { a }, 1.0));
        a.grad = tensor(new float[] { 0.1f, -0.2f, 0.2f });   // norm 0.3
        double total = nn.utils.clip_grad_norm_(a, 1.0);
        Assert.Equal(0.3, total, 6);
        Assert.Equal(new float[] { 0.1f, -0.2f, 0.2f }, a.grad!.data<float>());
    }

    [Fact]
    public void Clip_grad_norm_can_refuse_a_non_finite_norm()
    {
        using DisposeScope scope = NewDisposeScope();
        var a = new Parameter(zeros(2));
        a.grad = tensor(new float[] { float.NaN, 1 });
        var e = Assert.Throws<TorchException>(() => nn.utils.clip_grad_norm_(new[] { a }, 1.0, error_if_nonfinite: true));
        Assert.Contains("non-finite", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clip_grad_value_clamps_each_element()
    {
        using DisposeScope scope = NewDisposeScope();
        var a = new Parameter(zeros(4));
        a.grad = tensor(new float[] { -3, -0.5f, 0.25f, 7 });
        nn.utils.clip_grad_value_(new[] { a }, 1.0);
        Assert.Equal(new float[] { -1, -0.5f, 0.25f, 1 }, a.grad!.data<float>());
    }
}
