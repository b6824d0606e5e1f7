using System.Globalization;

namespace Trainer.Torch.Optim;

/// <summary>
/// ReduceLROnPlateau, as PyTorch's: call <see cref="step"/> with a metric (an eval loss, say) after each evaluation.
/// A metric is an improvement when it beats the best so far by the threshold (mode "min", threshold_mode "rel":
/// a &lt; best (1 - threshold); "abs": a &lt; best - threshold; mirrored for "max"). After more than
/// <c>patience</c> evaluations without improvement every group's LR becomes max(lr * factor, min_lr) (changes smaller
/// than <c>eps</c> are skipped), then <c>cooldown</c> evaluations are ignored. Not a function of the step alone, so it
/// is not an <see cref="LrScheduler"/>.
/// </summary>
public sealed class ReduceLROnPlateau
{
    private readonly double[] _minLrs;
    private double[] _lastLrs;

    public ReduceLROnPlateau(Optimizer optimizer, string mode = "min", double factor = 0.1, long patience = 10,
        double threshold = 1e-4, string threshold_mode = "rel", long cooldown = 0, double min_lr = 0, double eps = 1e-8)
        : this(optimizer, mode, factor, patience, threshold, threshold_mode, cooldown,
            Enumerable.Repeat(min_lr, optimizer?.param_groups.Count ?? 0).ToArray(), eps)
    {
    }

    public ReduceLROnPlateau(Optimizer optimizer, string mode, double factor, long patience, double threshold,
        string threshold_mode, long cooldown, IReadOnlyList<double> min_lrs, double eps = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(min_lrs);
        if (factor >= 1.0)
        {
            throw new ArgumentException("Factor should be < 1.0.");
        }

        if (mode is not ("min" or "max"))
        {
            throw new ArgumentException($"mode {mode} is unknown! (use \"min\" or \"max\")");
        }

        if (threshold_mode is not ("rel" or "abs"))
        {
            throw new ArgumentException($"threshold mode {threshold_mode} is unknown! (use \"rel\" or \"abs\")");
        }

        if (min_lrs.Count != optimizer.param_groups.Count)
        {
            throw new ArgumentException($"expected {optimizer.param_groups.Count} min_lrs, got {min_lrs.Count}");
        }

        this.optimizer = optimizer;
        this.mode = mode;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.threshold_mode = threshold_mode;
        this.cooldown = cooldown;
        this.eps = eps;
        _minLrs = min_lrs.ToArray();
        _lastLrs = optimizer.param_groups.Select(g => g.lr).ToArray();
        best = mode == "min" ? double.PositiveInfinity : double.NegativeInfinity;
    }

    public Optimizer optimizer { get; }
    public string mode { get; }
    public double factor { get; }
    public long patience { get; }
    public double threshold { get; }
    public string threshold_mode { get; }
    public long cooldown { get; }
    public double eps { get; }

    /// <summary>The best metric so far (+infinity for "min", -infinity for "max" before the first step).</summary>
    public double best { get; private set; }

    public long num_bad_epochs { get; private set; }

    public long cooldown_counter { get; private set; }

    public long last_epoch { get; private set; }

    public bool in_cooldown => cooldown_counter > 0;

    /// <summary>Records one evaluation's metric and reduces the LRs when it has plateaued.</summary>
    public void step(double metric)
    {
        last_epoch++;
        if (IsBetter(metric, best))
        {
            best = metric;
            num_bad_epochs = 0;
        }
        else
        {
            num_bad_epochs++;
        }

        if (in_cooldown)
        {
            cooldown_counter--;
            num_bad_epochs = 0;
        }

        if (num_bad_epochs > patience)
        {
            ReduceLr();
            cooldown_counter = cooldown;
            num_bad_epochs = 0;
        }

        _lastLrs = optimizer.param_groups.Select(g => g.lr).ToArray();
    }

    /// <summary>The groups' LRs after the last <see cref="step"/>.</summary>
    public IReadOnlyList<double> get_last_lr() => _lastLrs;

    private bool IsBetter(double a, double currentBest) => (mode, threshold_mode) switch
    {
        ("min", "rel") => a < currentBest * (1.0 - threshold),
        ("min", _) => a < currentBest - threshold,
        ("max", "rel") => a > currentBest * (threshold + 1.0),
        _ => a > currentBest + threshold,
    };

    private void ReduceLr()
    {
        IReadOnlyList<ParamGroup> groups = optimizer.param_groups;
        for (int i = 0; i < groups.Count; i++)
        {
            double old = groups[i].lr;
            double updated = Math.Max(old * factor, _minLrs[i]);
            if (old - updated > eps)
            {
                groups[i].lr = updated;
            }
        }
    }

    /// <summary>The counters for a checkpoint: best (may be infinite), num_bad_epochs, cooldown_counter, last_epoch, last_lr.{i}.</summary>
    public Dictionary<string, double> state_dict()
    {
        var d = new Dictionary<string, double>
        {
            ["best"] = best,
            ["num_bad_epochs"] = num_bad_epochs,
            ["cooldown_counter"] = cooldown_counter,
            ["last_epoch"] = last_epoch,
        };
        for (int i = 0; i < _lastLrs.Length; i++)
        {
            d["last_lr." + i.ToString(CultureInfo.InvariantCulture)] = _lastLrs[i];
        }

        return d;
    }

    public void load_state_dict(IReadOnlyDictionary<string, double> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        best = Get(state, "best");
        num_bad_epochs = (long)Get(state, "num_bad_epochs");
        cooldown_counter = (long)Get(state, "cooldown_counter");
        last_epoch = (long)Get(state, "last_epoch");
        for (int i = 0; i < _lastLrs.Length; i++)
        {
            _lastLrs[i] = Get(state, "last_lr." + i.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static double Get(IReadOnlyDictionary<string, double> state, string key) =>
        state.TryGetValue(key, out double v) ? v : throw new KeyNotFoundException($"scheduler state has no '{key}'");
}
