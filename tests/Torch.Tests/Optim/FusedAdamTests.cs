using Trainer.Torch.Nn;
using Trainer.Torch.Optim;
using Xunit.Abstractions;
using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.Optim;

/// <summary>The fused native Adam/AdamW step against the op-by-op reference path (same bits expected, 1e-7 allowed).</summary>
public sealed class FusedAdamTests
{
    private readonly ITestOutputHelper _out;

    public FusedAdamTests(ITestOutputHelper output)
    {
        _out = output;
    }

    public static TheoryData<bool, bool, bool, double> Flags()
    {
        var d = new TheoryData<bool, bool, bool, double>();
        foreach (bool decoupled in new[] { false, true })
        {
            foreach (bool amsgrad in new[] { false, true })
            {
                d.Add(decoupled, amsgrad, false, 0.1);
            }
        }

        d.Add(false, false, true, 0.0);
        d.Add(true, true, true, 0.0);
        return d;
    }

    private static Adam Make(bool decoupled, bool amsgrad, bool maximize, double wd, IReadOnlyList<Parameter> ps, (double, double) betas) =>
        decoupled
            ? optim.AdamW(ps, lr: 3e-3, betas: betas, weight_decay: wd, amsgrad: amsgrad, maximize: maximize)
            : optim.Adam(ps, lr: 3e-3, betas: betas, weight_decay: wd, amsgrad: amsgrad, maximize: maximize);

    [Theory]
    [MemberData(nameof(Flags))]
    public void Fused_and_op_by_op_steps_agree(bool decoupled, bool amsgrad, bool maximize, double wd)
    {
        foreach ((double, double) betas in new[] { (0.9, 0.999), (0.0, 0.0) })
        {
            // 1037 and 13 elements: full 8-wide vectors and scalar tails.
            var shapes = new[] { new long[] { 61, 17 }, new long[] { 13 } };
            List<Parameter> a = shapes.Select((s, i) => new Parameter(TestRandom.Randn(3 + i, s))).ToList();
            List<Parameter> b = a.Select(p => new Parameter(p.detach().clone())).ToList();
            using Adam fused = Make(decoupled, amsgrad, maximize, wd, a, betas);
            using Adam reference = Make(decoupled, amsgrad, maximize, wd, b, betas);
            reference.fused = false;
            long same = 0, total = 0;
            for (int step = 0; step < 6; step++)
            {
                using DisposeScope scope = NewDisposeScope();
                for (int i = 0; i < a.Count; i++)
                {
                    Tensor g = TestRandom.Randn((10 * step) + i, a[i].shape) * (step % 2 == 0 ? 1e-3 : 10.0);
                    a[i].grad = g.clone();
                    b[i].grad = g.clone();
                }

                fused.step();
                reference.step();
                Assert.True(fused.last_step_fused);
                Assert.False(reference.last_step_fused);
                for (int i = 0; i < a.Count; i++)
                {
                    float[] x = a[i].data<float>(), y = b[i].data<float>();
                    for (int k = 0; k < x.Length; k++)
                    {
                        Assert.True(Math.Abs(x[k] - y[k]) <= 1e-7 * Math.Max(1, Math.Abs(y[k])), $"step {step}, tensor {i}[{k}]: {x[k]:R} vs {y[k]:R}");
                        same += x[k] == y[k] ? 1 : 0;
                        total++;
                    }

                    foreach (var (name, t) in reference.state(b[i])!.tensors)
                    {
                        Assert.True(t.allclose(fused.state(a[i])![name]!, rtol: 1e-6, atol: 0), $"state {name} differs");
                    }
                }
            }

            _out.WriteLine($"betas {betas}: {same}/{total} parameter values bit-identical");
        }
    }

    [Fact]
    public void Tensors_the_kernel_cannot_take_fall_back_to_the_op_by_op_path()
    {
        var p = new Parameter(randn(new long[] { 5, 4 }, float64));
        var q = new Parameter(randn(5, 4).t());   // a non-contiguous float32 view
        using AdamW o = optim.AdamW(new[] { p, q });
        p.grad = ones_like(p);
        q.grad = ones_like(q);
        o.step();
        Assert.False(o.last_step_fused);
        Assert.Equal(1, o.state(p)!.step);
        Assert.Equal(1, o.state(q)!.step);
    }
}
