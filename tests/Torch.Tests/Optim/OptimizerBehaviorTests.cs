using Trainer.Torch.Nn;
using Trainer.Torch.Optim;
using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.Optim;

/// <summary>Update rules against closed forms, the optimizer protocol, scopes and argument checks.</summary>
public sealed class OptimizerBehaviorTests
{
    [Fact]
    public void Plain_sgd_subtracts_lr_times_the_gradient()
    {
        var p = new Parameter(tensor(new float[] { 1, 2, 3 }));
        using SGD o = optim.SGD(new[] { p }, lr: 0.5);
        p.grad = tensor(new float[] { 2, -4, 0.5f });
        o.step();
        Assert.Equal(new float[] { 0, 4, 2.75f }, p.data<float>());
    }

    [Fact]
    public void Adam_with_zero_betas_takes_a_normalised_sign_like_step()
    {
        // beta1 = beta2 = 0: m = g, v = g^2, no bias correction, so theta -= lr * g / (|g| + eps) at every step.
        float[] theta = { 0.5f, -1, 2, 0 };
        float[] g = { 3, -0.001f, 1e-9f, -2 };
        var p = new Parameter(tensor(theta));
        using Adam o = optim.Adam(new[] { p }, lr: 0.1, betas: (0, 0), eps: 1e-8);
        for (int step = 0; step < 3; step++)
        {
            p.grad = tensor(g);
            o.step();
            for (int i = 0; i < theta.Length; i++)
            {
                theta[i] = (float)(theta[i] - (0.1 * g[i] / (Math.Abs(g[i]) + 1e-8)));
            }

            float[] got = p.data<float>();
            for (int i = 0; i < theta.Length; i++)
            {
                Assert.Equal(theta[i], got[i], 5);
            }
        }
    }

    [Fact]
    public void First_adam_step_moves_each_weight_by_about_lr()
    {
        // After one step m / sqrt(v) with bias correction is g / |g|: every weight moves by lr against its gradient.
        var p = new Parameter(zeros(3));
        using Adam o = optim.Adam(new[] { p }, lr: 0.01);
        p.grad = tensor(new float[] { 5, -0.2f, 100 });
        o.step();
        float[] got = p.data<float>();
        Assert.Equal(-0.01f, got[0], 6);
        Assert.Equal(0.01f, got[1], 6);
        Assert.Equal(-0.01f, got[2], 6);
    }

    [Fact]
    public void Adamw_decays_weights_without_a_gradient_signal()
    {
        var p = new Parameter(full(new long[] { 2 }, 2.0));
        using AdamW o = optim.AdamW(new[] { p }, lr: 0.1, weight_decay: 0.5);
        p.grad = zeros(2);
        o.step();   // theta * (1 - 0.1 * 0.5), then the zero-gradient Adam step moves nothing
        Assert.Equal(new float[] { 1.9f, 1.9f }, p.data<float>());
    }

    [Fact]
    public void Parameters_without_gradients_are_skipped_and_get_no_state()
    {
        var a = new Parameter(ones(2));
        var b = new Parameter(ones(2));
        using Adam o = optim.Adam(new[] { a, b });
        a.grad = ones(2);
        o.step();
        Assert.Equal(new float[] { 1, 1 }, b.data<float>());
        Assert.Null(o.state(b));
        Assert.Equal(1, o.state(a)!.step);
    }

    [Fact]
    public void Step_frees_its_temporaries_and_keeps_its_state_outside_scopes()
    {
        var p = new Parameter(randn(4, 4));
        using AdamW o = optim.AdamW(new[] { p }, amsgrad: true);
        using (DisposeScope outer = NewDisposeScope())
        {
            p.grad = randn(4, 4);
            int before = outer.Count;
            o.step();
            o.step();
            Assert.Equal(before, outer.Count);
        }

        ParamState s = o.state(p)!;
        Assert.All(s.tensors.Values, t => Assert.False(t.IsDisposed));
        Assert.Equal(2, s.step);
        Assert.False(s["exp_avg"]!.requires_grad);
    }

    [Fact]
    public void Zero_grad_sets_gradients_to_none_or_to_zeros()
    {
        var p = new Parameter(ones(3));
        using SGD o = optim.SGD(new[] { p }, lr: 0.1);
        p.grad = ones(3);
        o.zero_grad(set_to_none: false);
        Assert.Equal(new float[] { 0, 0, 0 }, p.grad!.data<float>());
        o.zero_grad();
        Assert.Null(p.grad);
    }

    [Fact]
    public void Group_learning_rates_are_readable_and_writable()
    {
        var a = new Parameter(zeros(1));
        var b = new Parameter(zeros(1));
        using SGD o = optim.SGD(new[] { new ParamGroup(new[] { a }), new ParamGroup(new[] { b }, lr: 1.0) }, lr: 0.1);
        Assert.Equal(0.1, o.param_groups[0].lr);
        Assert.Equal(1.0, o.param_groups[1].lr);
        o.param_groups[0].lr = 0.2;
        a.grad = ones(1);
        b.grad = ones(1);
        o.step();
        Assert.Equal(-0.2f, a.data<float>()[0], 6);
        Assert.Equal(-1.0f, b.data<float>()[0], 6);
        o.set_lr(0.5);
        Assert.All(o.param_groups, g => Assert.Equal(0.5, g.lr));
    }

    [Fact]
    public void Step_with_a_closure_evaluates_the_loss_with_grad_enabled()
    {
        var w = new Parameter(tensor(new float[] { 3 }));
        using SGD o = optim.SGD(new[] { w }, lr: 0.25);
        using (no_grad())
        {
            Tensor loss = o.step(() =>
            {
                o.zero_grad();
                Tensor l = (w * w).sum();   // d/dw = 2w = 6
                l.backward();
                return l;
            });
            Assert.Equal(9f, loss.item<float>());
        }

        Assert.Equal(1.5f, w.data<float>()[0], 6);
    }

    [Fact]
    public void Sparse_and_dense_gradients_go_to_the_right_optimizer()
    {
        var e = new Parameter(zeros(4, 2));
        using (Adam adam = optim.Adam(new[] { e }))
        {
            e.grad = sparse_coo_tensor(tensor(new long[] { 1, 3 }, new long[] { 1, 2 }), ones(2, 2), new long[] { 4, 2 });
            Assert.Contains("SparseAdam", Assert.Throws<TorchException>(() => adam.step()).Message, StringComparison.Ordinal);
        }

        using SparseAdam sparse = optim.SparseAdam(new[] { e });
        e.grad = ones(4, 2);
        Assert.Contains("dense gradients", Assert.Throws<TorchException>(() => sparse.step()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sparse_adam_touches_only_the_rows_in_the_gradient()
    {
        var e = new Parameter(ones(5, 3));
        using SparseAdam o = optim.SparseAdam(new[] { e }, lr: 0.1);
        // rows 1 and 3, row 3 twice (summed by coalesce)
        e.grad = sparse_coo_tensor(tensor(new long[] { 1, 3, 3 }, new long[] { 1, 3 }), ones(3, 3), new long[] { 5, 3 });
        o.step();
        float[,] got = new float[5, 3];
        float[] flat = e.data<float>();
        for (int r = 0; r < 5; r++)
        {
            float expected = r is 1 or 3 ? 0.9f : 1f;   // first step: lr * g / |g| per touched element
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(expected, flat[(r * 3) + c], 5);
            }
        }

        using Tensor expAvgSq = o.state(e)!["exp_avg_sq"]!.clone();
        Assert.Equal(0f, expAvgSq[0].sum().item<float>());
        Assert.Equal(0.001f * 4, expAvgSq[3, 0].item<float>(), 6);   // (1 - beta2) * (1 + 1)^2
    }

    [Fact]
    public void Bad_hyper_parameters_and_parameter_lists_are_refused()
    {
        var p = new Parameter(zeros(1));
        Assert.Throws<ArgumentException>(() => optim.Adam(new[] { p }, lr: -1));
        Assert.Throws<ArgumentException>(() => optim.Adam(new[] { p }, betas: (1.0, 0.9)));
        Assert.Throws<ArgumentException>(() => optim.SGD(new[] { p }, lr: 0.1, nesterov: true));
        Assert.Throws<ArgumentException>(() => optim.SGD(Array.Empty<Tensor>(), lr: 0.1));
        Assert.Throws<ArgumentException>(() => optim.SGD(new[] { new ParamGroup(new[] { p }), new ParamGroup(new[] { p }) }, lr: 0.1));
        var unknown = new ParamGroup(new[] { p }, options: new Dictionary<string, double> { ["momentum"] = 0.9 });
        Assert.Contains("momentum", Assert.Throws<ArgumentException>(() => optim.Adam(new[] { unknown })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pure_schedule_functions_hit_their_end_points()
    {
        Assert.Equal(1e-3 / 101, LrSchedule.WarmupCosine(0, 1e-3, 100, 1000, 1e-4), 15);
        Assert.Equal(1e-3, LrSchedule.WarmupCosine(100, 1e-3, 100, 1000, 1e-4), 15);
        Assert.Equal(5.5e-4, LrSchedule.WarmupCosine(550, 1e-3, 100, 1000, 1e-4), 15);
        Assert.Equal(1e-4, LrSchedule.WarmupCosine(1000, 1e-3, 100, 1000, 1e-4), 15);
        Assert.Equal(1e-4, LrSchedule.WarmupCosine(5000, 1e-3, 100, 1000, 1e-4), 15);
        Assert.Equal(0.5, LrSchedule.WarmupLinear(5, 1.0, 0, 10, 0.0), 15);
        Assert.Equal(0.0, LrSchedule.WarmupLinear(12, 1.0, 0, 10, 0.0), 15);
        Assert.Equal(0.1 * 0.25, LrSchedule.Step(20, 0.1, 10, 0.5), 15);
    }
}
