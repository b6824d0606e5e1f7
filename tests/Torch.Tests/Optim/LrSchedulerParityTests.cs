using System.Text.Json;
using Trainer.Torch.Optim;
using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.Optim;

/// <summary>
/// 50 steps of each LR scheduler, two parameter groups (base LRs 0.1 and 0.05), against torch.optim.lr_scheduler in
/// python3-torch (tests/fixtures/optim/optim_fixture.py). PyTorch updates most LRs recursively (lr *= ratio), ours are
/// closed forms, so they agree to rounding: 1e-12 relative.
/// </summary>
public sealed class LrSchedulerParityTests
{
    private static SGD TwoGroups() => optim.SGD(new[]
    {
        new ParamGroup(new[] { zeros(new long[] { 1 }, requires_grad: true) }),
        new ParamGroup(new[] { zeros(new long[] { 1 }, requires_grad: true) }, lr: 0.05),
    }, lr: 0.1);

    public static TheoryData<string> Schedulers => new(new[]
    {
        "step", "cosine", "warmup_cosine", "lambda_inv_sqrt", "linear_decay", "linear_default", "constant_factor",
    });

    private static LrScheduler Make(string name, Optimizer o) => name switch
    {
        "step" => optim.lr_scheduler.StepLR(o, step_size: 7, gamma: 0.5),
        "cosine" => optim.lr_scheduler.CosineAnnealingLR(o, T_max: 20, eta_min: 0.001),
        "warmup_cosine" => optim.lr_scheduler.WarmupCosineLR(o, warmup_steps: 5, total_steps: 40, min_lr_ratio: 0.1),
        "lambda_inv_sqrt" => optim.lr_scheduler.LambdaLR(o, s => 1.0 / Math.Sqrt(1.0 + s)),
        "linear_decay" => optim.lr_scheduler.LinearLR(o, start_factor: 1.0, end_factor: 0.0, total_iters: 30),
        "linear_default" => optim.lr_scheduler.LinearLR(o),
        "constant_factor" => optim.lr_scheduler.ConstantLR(o, factor: 0.5, total_iters: 4),
        _ => throw new NotSupportedException(name),
    };

    [PyTorchTheory]
    [MemberData(nameof(Schedulers))]
    public void Learning_rates_match_torch_lr_scheduler_for_50_steps(string name)
    {
        JsonElement[] want = OptimFixture.Instance.Root.GetProperty("schedulers").GetProperty(name).EnumerateArray().ToArray();
        Assert.Equal(50, want.Length);
        using SGD o = TwoGroups();
        LrScheduler s = Make(name, o);
        for (int step = 0; step < want.Length; step++)
        {
            if (step > 0)
            {
                o.step();
                s.step();
            }

            for (int g = 0; g < 2; g++)
            {
                double expected = want[step][g].GetDouble();
                AssertClose(expected, s.get_last_lr()[g], $"{name} step {step} group {g}");
                AssertClose(expected, o.param_groups[g].lr, $"{name} step {step} group {g} (optimizer)");
                AssertClose(expected, s.LrAt(step, g), $"{name} LrAt({step}, {g})");
            }
        }
    }

    [PyTorchTheory]
    [InlineData("plateau_min_rel")]
    [InlineData("plateau_max_abs_cooldown")]
    public void ReduceLROnPlateau_matches_torch_for_50_evaluations(string name)
    {
        JsonElement root = OptimFixture.Instance.Root;
        double[] metrics = root.GetProperty("plateau_metrics").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        JsonElement spec = root.GetProperty("plateau").GetProperty(name);
        JsonElement kw = spec.GetProperty("kwargs");
        string mode = kw.GetProperty("mode").GetString()!;
        using SGD o = TwoGroups();
        var s = optim.lr_scheduler.ReduceLROnPlateau(o, mode, kw.GetProperty("factor").GetDouble(),
            kw.GetProperty("patience").GetInt64(), kw.GetProperty("threshold").GetDouble(),
            kw.TryGetProperty("threshold_mode", out JsonElement tm) ? tm.GetString()! : "rel",
            kw.GetProperty("cooldown").GetInt64(), kw.GetProperty("min_lr").GetDouble());
        JsonElement[] want = spec.GetProperty("lrs").EnumerateArray().ToArray();
        int reductions = 0;
        for (int i = 0; i < metrics.Length; i++)
        {
            double before = o.param_groups[0].lr;
            s.step(mode == "min" ? metrics[i] : -metrics[i]);
            reductions += o.param_groups[0].lr < before ? 1 : 0;
            for (int g = 0; g < 2; g++)
            {
                AssertClose(want[i][g].GetDouble(), o.param_groups[g].lr, $"{name} evaluation {i} group {g}");
            }
        }

        Assert.True(reductions >= 2, $"{name}: the metric sequence should trigger several reductions, saw {reductions}");
    }

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(Math.Abs(expected), 1e-3), $"{what}: expected {expected:R}, got {actual:R}");
}
