using System.Globalization;

namespace Trainer.Torch.Optim;

/// <summary>
/// Base of the step-indexed LR schedulers, with torch.optim.lr_scheduler's protocol: the constructor records each
/// group's base LR (<c>initial_lr</c>) and applies the LR of step 0; each <see cref="step"/> advances
/// <see cref="last_epoch"/> and writes <see cref="LrAt(long, int)"/> into every group. Call it after
/// <c>optimizer.step()</c>. A subclass only defines <see cref="LrAt(long, int)"/>, a pure function of the step, which a
/// trainer may also call directly.
/// </summary>
public abstract class LrScheduler
{
    private readonly double[] _baseLrs;
    private double[] _lastLrs;

    /// <param name="optimizer">The optimizer whose group LRs this scheduler sets.</param>
    /// <param name="last_epoch">The step the schedule resumes from (-1: start fresh).</param>
    protected LrScheduler(Optimizer optimizer, long last_epoch = -1)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        this.optimizer = optimizer;
        foreach (ParamGroup g in optimizer.param_groups)
        {
            if (last_epoch == -1 && !g.Has("initial_lr"))
            {
                g["initial_lr"] = g.lr;
            }
            else if (!g.Has("initial_lr"))
            {
                throw new ArgumentException("param 'initial_lr' is not specified in a param group when resuming an optimizer");
            }
        }

        _baseLrs = optimizer.param_groups.Select(g => g["initial_lr"]).ToArray();
        _lastLrs = optimizer.param_groups.Select(g => g.lr).ToArray();
        this.last_epoch = last_epoch;
    }

    public Optimizer optimizer { get; }

    /// <summary>Each group's LR at step 0 of the schedule (its LR when the scheduler was created).</summary>
    public IReadOnlyList<double> base_lrs => _baseLrs;

    /// <summary>The step whose LR is in the optimizer now (0 right after construction).</summary>
    public long last_epoch { get; private set; }

    /// <summary>Subclasses call this at the end of their constructor (PyTorch's _initial_step): applies step 0.</summary>
    protected void InitialStep() => step();

    /// <summary>The LR of group <paramref name="group"/> at <paramref name="step"/>; pure, no side effects.</summary>
    public abstract double LrAt(long step, int group);

    /// <summary>The LR of the first group at <paramref name="step"/>.</summary>
    public double LrAt(long step) => LrAt(step, 0);

    /// <summary>Advances one step and sets every group's LR.</summary>
    public void step()
    {
        last_epoch++;
        IReadOnlyList<ParamGroup> groups = optimizer.param_groups;
        for (int i = 0; i < groups.Count; i++)
        {
            groups[i].lr = LrAt(last_epoch, i);
        }

        _lastLrs = groups.Select(g => g.lr).ToArray();
    }

    /// <summary>The LRs the last <see cref="step"/> set, per group.</summary>
    public IReadOnlyList<double> get_last_lr() => _lastLrs;

    /// <summary>The scheduler's position for a checkpoint: last_epoch, base_lr.{i}, last_lr.{i}.</summary>
    public virtual Dictionary<string, double> state_dict()
    {
        var d = new Dictionary<string, double> { ["last_epoch"] = last_epoch };
        for (int i = 0; i < _baseLrs.Length; i++)
        {
            d["base_lr." + i.ToString(CultureInfo.InvariantCulture)] = _baseLrs[i];
            d["last_lr." + i.ToString(CultureInfo.InvariantCulture)] = _lastLrs[i];
        }

        return d;
    }

    /// <summary>Restores <see cref="state_dict"/>'s values (the optimizer's LRs come from its own state dict).</summary>
    public virtual void load_state_dict(IReadOnlyDictionary<string, double> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        last_epoch = (long)Get(state, "last_epoch");
        for (int i = 0; i < _baseLrs.Length; i++)
        {
            _baseLrs[i] = Get(state, "base_lr." + i.ToString(CultureInfo.InvariantCulture));
            _lastLrs[i] = Get(state, "last_lr." + i.ToString(CultureInfo.InvariantCulture));
        }
    }

    private protected static double Get(IReadOnlyDictionary<string, double> state, string key) =>
        state.TryGetValue(key, out double v) ? v : throw new KeyNotFoundException($"scheduler state has no '{key}'");
}
