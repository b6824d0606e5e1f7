namespace Trainer.Torch.Optim;

/// <summary>
/// A constant LR. With <paramref name="factor"/> and <paramref name="total_iters"/> it is PyTorch's ConstantLR
/// (gamma_0 * factor for s &lt; total_iters, then gamma_0); note the defaults here (1, 0) give a plain constant LR,
/// unlike PyTorch's (1/3, 5).
/// </summary>
public sealed class ConstantLR : LrScheduler
{
    private readonly double _factor;
    private readonly long _totalIters;

    public ConstantLR(Optimizer optimizer, double factor = 1.0, long total_iters = 0, long last_epoch = -1)
        : base(optimizer, last_epoch)
    {
        if (factor is < 0 or > 1)
        {
            throw new ArgumentException("Constant multiplicative factor expected to be between 0 and 1.");
        }

        _factor = factor;
        _totalIters = total_iters;
        InitialStep();
    }

    public override double LrAt(long step, int group) => base_lrs[group] * (step < _totalIters ? _factor : 1.0);
}

/// <summary>StepLR: the LR times <c>gamma</c> every <c>step_size</c> steps, gamma_0 * gamma^floor(s / step_size).</summary>
public sealed class StepLR : LrScheduler
{
    private readonly long _stepSize;
    private readonly double _gamma;

    public StepLR(Optimizer optimizer, long step_size, double gamma = 0.1, long last_epoch = -1)
        : base(optimizer, last_epoch)
    {
        if (step_size <= 0)
        {
            throw new ArgumentException($"step_size must be positive, got {step_size}");
        }

        _stepSize = step_size;
        _gamma = gamma;
        InitialStep();
    }

    public override double LrAt(long step, int group) => LrSchedule.Step(step, base_lrs[group], _stepSize, _gamma);
}

/// <summary>CosineAnnealingLR (closed form): eta_min + (gamma_0 - eta_min) (1 + cos(pi s / T_max)) / 2.</summary>
public sealed class CosineAnnealingLR : LrScheduler
{
    private readonly long _tMax;
    private readonly double _etaMin;

    public CosineAnnealingLR(Optimizer optimizer, long T_max, double eta_min = 0, long last_epoch = -1)
        : base(optimizer, last_epoch)
    {
        if (T_max <= 0)
        {
            throw new ArgumentException($"T_max must be positive, got {T_max}");
        }

        _tMax = T_max;
        _etaMin = eta_min;
        InitialStep();
    }

    public override double LrAt(long step, int group) => LrSchedule.Cosine(step, base_lrs[group], _tMax, _etaMin);
}

/// <summary>
/// Linear warmup over <c>warmup_steps</c>, then cosine decay to <c>min_lr_ratio</c> times each group's base LR at
/// <c>total_steps</c> (the geometric-memory recipe: AdamW, cosine to lr/10); see <see cref="LrSchedule.WarmupCosine"/>.
/// </summary>
public sealed class WarmupCosineLR : LrScheduler
{
    private readonly long _warmup;
    private readonly long _total;
    private readonly double _minRatio;

    public WarmupCosineLR(Optimizer optimizer, long warmup_steps, long total_steps, double min_lr_ratio = 0.1, long last_epoch = -1)
        : base(optimizer, last_epoch)
    {
        if (warmup_steps < 0 || total_steps <= warmup_steps)
        {
            throw new ArgumentException($"need 0 <= warmup_steps < total_steps, got {warmup_steps} and {total_steps}");
        }

        _warmup = warmup_steps;
        _total = total_steps;
        _minRatio = min_lr_ratio;
        InitialStep();
    }

    public override double LrAt(long step, int group) =>
        LrSchedule.WarmupCosine(step, base_lrs[group], _warmup, _total, base_lrs[group] * _minRatio);
}

/// <summary>
/// PyTorch's LinearLR (closed form): the factor goes linearly from <c>start_factor</c> at step 0 to <c>end_factor</c>
/// at <c>total_iters</c>, constant after. Linear decay to zero: <c>LinearLR(opt, 1.0, 0.0, total)</c>.
/// </summary>
public sealed class LinearLR : LrScheduler
{
    private readonly double _start;
    private readonly double _end;
    private readonly long _total;

    public LinearLR(Optimizer optimizer, double start_factor = 1.0 / 3, double end_factor = 1.0, long total_iters = 5, long last_epoch = -1)
        : base(optimizer, last_epoch)
    {
        if (start_factor is <= 0 or > 1 || end_factor is < 0 or > 1 || total_iters <= 0)
        {
            throw new ArgumentException("LinearLR needs 0 < start_factor <= 1, 0 <= end_factor <= 1 and total_iters > 0");
        }

        _start = start_factor;
        _end = end_factor;
        _total = total_iters;
        InitialStep();
    }

    public override double LrAt(long step, int group) => LrSchedule.Linear(step, base_lrs[group], _start, _end, _total);
}

/// <summary>Linear warmup, then a straight line to <c>end_lr_ratio</c> times the base LR at <c>total_steps</c>.</summary>
public sealed class WarmupLinearLR : LrScheduler
{
    private readonly long _warmup;
    private readonly long _total;
    private readonly double _endRatio;

    public WarmupLinearLR(Optimizer optimizer, long warmup_steps, long total_steps, double end_lr_ratio = 0, long last_epoch = -1)
        : base(optimizer, last_epoch)
    {
        if (warmup_steps < 0 || total_steps <= warmup_steps)
        {
            throw new ArgumentException($"need 0 <= warmup_steps < total_steps, got {warmup_steps} and {total_steps}");
        }

        _warmup = warmup_steps;
        _total = total_steps;
        _endRatio = end_lr_ratio;
        InitialStep();
    }

    public override double LrAt(long step, int group) =>
        LrSchedule.WarmupLinear(step, base_lrs[group], _warmup, _total, base_lrs[group] * _endRatio);
}

/// <summary>LambdaLR: gamma_0 * lambda(s), with one function for all groups or one per group.</summary>
public sealed class LambdaLR : LrScheduler
{
    private readonly Func<long, double>[] _lambdas;

    public LambdaLR(Optimizer optimizer, Func<long, double> lr_lambda, long last_epoch = -1)
        : this(optimizer, Enumerable.Repeat(lr_lambda, optimizer?.param_groups.Count ?? 0).ToArray(), last_epoch)
    {
    }

    public LambdaLR(Optimizer optimizer, IReadOnlyList<Func<long, double>> lr_lambdas, long last_epoch = -1)
        : base(optimizer, last_epoch)
    {
        ArgumentNullException.ThrowIfNull(lr_lambdas);
        if (lr_lambdas.Count != optimizer.param_groups.Count)
        {
            throw new ArgumentException($"Expected {optimizer.param_groups.Count} lr_lambdas, but got {lr_lambdas.Count}");
        }

        _lambdas = lr_lambdas.ToArray();
        InitialStep();
    }

    public override double LrAt(long step, int group) => base_lrs[group] * _lambdas[group](step);
}
