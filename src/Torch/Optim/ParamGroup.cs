namespace Trainer.Torch.Optim;

/// <summary>
/// A set of parameters that share hyper-parameters, as an entry of PyTorch's <c>optimizer.param_groups</c>.
/// Hyper-parameters are numbers under PyTorch's names (<c>lr</c>, <c>momentum</c>, <c>weight_decay</c>, <c>eps</c>);
/// a tuple is split (<c>betas</c> becomes <c>beta1</c>, <c>beta2</c>) and a flag is 0 or 1 (<c>nesterov</c>,
/// <c>amsgrad</c>, <c>maximize</c>). Keys the group leaves out are filled from the optimizer's defaults when the
/// group is added. <see cref="lr"/> is read and written by the LR schedulers.
/// <code>
/// var opt = optim.Adam(new[]
/// {
///     new ParamGroup(emb.parameters(), lr: 0.1 / Math.Sqrt(d)),
///     new ParamGroup(w.parameters(), lr: 0.1 / d),
/// }, betas: (0, 0));
/// </code>
/// </summary>
public sealed class ParamGroup
{
    private readonly List<Tensor> _params;
    private readonly Dictionary<string, double> _options;

    /// <param name="parameters">Leaf tensors to optimise (usually <c>module.parameters()</c>).</param>
    /// <param name="lr">The group's learning rate (null: the optimizer's default).</param>
    /// <param name="weight_decay">The group's weight decay (null: the optimizer's default).</param>
    /// <param name="options">Any other hyper-parameter under its PyTorch name.</param>
    public ParamGroup(IEnumerable<Tensor> parameters, double? lr = null, double? weight_decay = null,
        IReadOnlyDictionary<string, double>? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _params = parameters.ToList();
        _options = options is null ? new() : new Dictionary<string, double>(options);
        if (lr.HasValue)
        {
            _options["lr"] = lr.Value;
        }

        if (weight_decay.HasValue)
        {
            _options["weight_decay"] = weight_decay.Value;
        }
    }

    /// <summary>The group's parameters, in the order given.</summary>
    public IReadOnlyList<Tensor> parameters => _params;

    /// <summary>Every hyper-parameter of the group, by name.</summary>
    public IReadOnlyDictionary<string, double> options => _options;

    /// <summary>A hyper-parameter by name; setting an unknown name adds it.</summary>
    public double this[string key]
    {
        get => _options.TryGetValue(key, out double v)
            ? v
            : throw new KeyNotFoundException($"param group has no hyper-parameter '{key}' (has: {string.Join(", ", _options.Keys)})");
        set => _options[key] = value;
    }

    /// <summary>The group's learning rate.</summary>
    public double lr
    {
        get => this["lr"];
        set => this["lr"] = value;
    }

    /// <summary>A 0/1 hyper-parameter as a bool.</summary>
    public bool Flag(string key) => this[key] != 0;

    public bool Has(string key) => _options.ContainsKey(key);

    /// <summary>Adds each default the group does not set yet.</summary>
    internal void FillDefaults(IReadOnlyDictionary<string, double> defaults)
    {
        foreach (var (k, v) in defaults)
        {
            _options.TryAdd(k, v);
        }
    }
}
