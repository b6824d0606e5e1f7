using Trainer.Torch.Nn;
using Trainer.Torch.Optim;
using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.Optim;

/// <summary>Scheduler checkpoints: a scheduler restored from its state dict continues exactly where the original was.</summary>
public sealed class LrSchedulerStateTests
{
    private static SGD Opt() => optim.SGD(new[] { new Parameter(zeros(1)) }, lr: 0.1);

    [Fact]
    public void A_restored_step_scheduler_continues_the_same_schedule()
    {
        using SGD a = Opt();
        var sa = new WarmupLinearLR(a, warmup_steps: 4, total_steps: 30, end_lr_ratio: 0.05);
        for (int i = 0; i < 12; i++)
        {
            sa.step();
        }

        using SGD b = Opt();
        var sb = new WarmupLinearLR(b, warmup_steps: 4, total_steps: 30, end_lr_ratio: 0.05);
        sb.load_state_dict(sa.state_dict());
        Assert.Equal(12, sb.last_epoch);
        for (int i = 0; i < 25; i++)
        {
            sa.step();
            sb.step();
            Assert.Equal(a.param_groups[0].lr, b.param_groups[0].lr);
        }

        Assert.Equal(0.1 * 0.05, b.param_groups[0].lr, 15);
    }

    [Fact]
    public void A_restored_plateau_scheduler_keeps_its_best_value_and_counters()
    {
        double[] metrics = { 1.0, 0.9, 0.95, 0.96, 0.97, 0.99, 0.98, 0.97, 0.96, 0.99, 1.0, 1.1 };
        using SGD a = Opt();
        var sa = new ReduceLROnPlateau(a, factor: 0.5, patience: 2, cooldown: 1);
        for (int i = 0; i < 4; i++)
        {
            sa.step(metrics[i]);
        }

        Dictionary<string, double> saved = sa.state_dict();
        Assert.Equal(0.9, saved["best"]);
        Assert.Equal(2, saved["num_bad_epochs"]);

        using SGD b = Opt();
        var sb = new ReduceLROnPlateau(b, factor: 0.5, patience: 2, cooldown: 1);
        sb.load_state_dict(saved);
        int reductions = 0;
        for (int i = 4; i < metrics.Length; i++)
        {
            double before = a.param_groups[0].lr;
            sa.step(metrics[i]);
            sb.step(metrics[i]);
            reductions += a.param_groups[0].lr < before ? 1 : 0;
            Assert.Equal(a.param_groups[0].lr, b.param_groups[0].lr);
            Assert.Equal(sa.get_last_lr(), sb.get_last_lr());
        }

        Assert.True(reductions >= 2);
    }

    [Fact]
    public void Schedulers_record_the_base_learning_rate_of_each_group()
    {
        using SGD o = optim.SGD(new[]
        {
            new ParamGroup(new[] { new Parameter(zeros(1)) }),
            new ParamGroup(new[] { new Parameter(zeros(1)) }, lr: 0.01),
        }, lr: 1.0);
        var s = new StepLR(o, step_size: 2, gamma: 0.5);
        Assert.Equal(new[] { 1.0, 0.01 }, s.base_lrs);
        Assert.Equal(1.0, o.param_groups[0]["initial_lr"]);
        s.step();
        s.step();
        Assert.Equal(new[] { 0.5, 0.005 }, s.get_last_lr());
        Assert.Equal(0.25, s.LrAt(4), 15);
        Assert.Equal(0.0025, s.LrAt(5, 1), 15);
        Assert.Throws<ArgumentException>(() => new WarmupCosineLR(o, warmup_steps: 10, total_steps: 10));
        Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(o, mode: "sideways"));
    }
}
