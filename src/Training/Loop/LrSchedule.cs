using Sched = Trainer.Torch.Optim.LrSchedule;

namespace Trainer.Training.Loop;

/// <summary>
/// The learning rate of a <see cref="TrainConfig"/> as a pure function of the step (so a resumed run needs no
/// scheduler state): linear warmup over <c>warmup_steps</c>, then constant, cosine or linear decay to
/// <c>min_lr_ratio * lr</c> at the last step. The formulas are Trainer.Torch.Optim.LrSchedule's.
/// </summary>
public sealed class LrSchedule(TrainConfig config, long totalSteps)
{
    public double At(long step)
    {
        double lr = config.Lr;
        double min = lr * config.MinLrRatio;
        return config.Schedule switch
        {
            "cosine" => Sched.WarmupCosine(step, lr, config.WarmupSteps, totalSteps, min),
            "linear" => Sched.WarmupLinear(step, lr, config.WarmupSteps, totalSteps, min),
            _ => config.WarmupSteps > 0 && step < config.WarmupSteps ? Sched.WarmupLinear(step, lr, config.WarmupSteps, long.MaxValue / 2, lr) : lr,
        };
    }
}
