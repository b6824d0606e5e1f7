namespace Trainer.Torch.Optim;

/// <summary>
/// Base of the optimizers, with torch.optim.Optimizer's semantics: parameter groups with their own hyper-parameters,
/// per-parameter state created lazily at a parameter's first update, parameters without a gradient skipped,
/// <see cref="zero_grad"/>, and <see cref="state_dict"/>/<see cref="load_state_dict"/> for checkpoints.
/// <see cref="step()"/> runs under no_grad inside its own <see cref="DisposeScope"/>, so its temporaries are freed
/// when it returns; the state tensors live outside every scope and are freed by <see cref="Dispose"/>.
/// </summary>
public abstract class Optimizer : IDisposable
{
    private readonly List<ParamGroup> _groups = new();
    private readonly Dictionary<Tensor, ParamState> _state = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, double> _defaults;

    /// <param name="groups">The parameter groups (missing hyper-parameters come from <paramref name="defaults"/>).</param>
    /// <param name="defaults">Every hyper-parameter the optimizer knows, with its default value.</param>
    protected Optimizer(IEnumerable<ParamGroup> groups, IReadOnlyDictionary<string, double> defaults)
    {
        Runtime.EnsureInitialized();
        _defaults = new Dictionary<string, double>(defaults);
        foreach (ParamGroup g in groups)
        {
            add_param_group(g);
        }

        if (_groups.Sum(g => g.parameters.Count) == 0)
        {
            throw new ArgumentException($"{GetType().Name} got an empty parameter list");
        }
    }

    /// <summary>The parameter groups, in order.</summary>
    public IReadOnlyList<ParamGroup> param_groups => _groups;

    /// <summary>The hyper-parameters given at construction, used for groups that leave them out.</summary>
    public IReadOnlyDictionary<string, double> defaults => _defaults;

    /// <summary>Adds a group (PyTorch's add_param_group): fills its defaults and checks its values.</summary>
    public void add_param_group(ParamGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        foreach (string k in group.options.Keys)
        {
            if (!_defaults.ContainsKey(k))
            {
                throw new ArgumentException(
                    $"{GetType().Name} has no hyper-parameter '{k}' (known: {string.Join(", ", _defaults.Keys)})");
            }
        }

        var seen = new HashSet<Tensor>(_groups.SelectMany(g => g.parameters), ReferenceEqualityComparer.Instance);
        foreach (Tensor p in group.parameters)
        {
            if (!seen.Add(p))
            {
                throw new ArgumentException("some parameters appear in more than one parameter group");
            }

            if (!p.is_leaf)
            {
                throw new ArgumentException("can't optimize a non-leaf Tensor");
            }
        }

        group.FillDefaults(_defaults);
        Validate(group);
        _groups.Add(group);
    }

    /// <summary>Checks a group's hyper-parameters (throws <see cref="ArgumentException"/> on a bad value).</summary>
    protected virtual void Validate(ParamGroup group)
    {
        Require(group.lr >= 0, $"Invalid learning rate: {group.lr}");
    }

    protected static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }

    /// <summary>Sets the learning rate of every group.</summary>
    public void set_lr(double lr)
    {
        foreach (ParamGroup g in _groups)
        {
            g.lr = lr;
        }
    }

    /// <summary>The state of a parameter, or null before its first update.</summary>
    public ParamState? state(Tensor parameter) => _state.TryGetValue(parameter, out ParamState? s) ? s : null;

    /// <summary>The state of a parameter, created empty at its first update.</summary>
    protected ParamState StateOf(Tensor parameter)
    {
        if (!_state.TryGetValue(parameter, out ParamState? s))
        {
            s = new ParamState();
            _state[parameter] = s;
        }

        return s;
    }

    /// <summary>One update of every parameter that has a gradient.</summary>
    public virtual void step()
    {
        using DisposeScope scope = torch.NewDisposeScope();
        using torch.GradModeScope noGrad = torch.no_grad();
        foreach (ParamGroup g in _groups)
        {
            StepGroup(g);
        }
    }

    /// <summary>Evaluates <paramref name="closure"/> (loss and backward) with grad enabled, then steps; returns the loss.</summary>
    public Tensor step(Func<Tensor> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        Tensor loss;
        using (torch.enable_grad())
        {
            loss = closure();
        }

        step();
        return loss;
    }

    /// <summary>Updates the parameters of one group (called under no_grad inside the step's dispose scope).</summary>
    protected abstract void StepGroup(ParamGroup group);

    /// <summary>Clears every parameter's gradient: to none (PyTorch 2's default) or to zeros.</summary>
    public void zero_grad(bool set_to_none = true)
    {
        foreach (Tensor p in _groups.SelectMany(g => g.parameters))
        {
            if (set_to_none)
            {
                p.grad = null;
                continue;
            }

            using Tensor? g = p.grad;
            g?.zero_();
        }
    }

    // ------------------------------------------------------------ checkpoints

    /// <summary>A snapshot of the hyper-parameters and state (copies; the caller disposes it).</summary>
    public OptimizerState state_dict()
    {
        var groups = new List<GroupState>();
        var state = new Dictionary<int, ParamState>();
        int index = 0;
        foreach (ParamGroup g in _groups)
        {
            var ids = new List<int>();
            foreach (Tensor p in g.parameters)
            {
                if (_state.TryGetValue(p, out ParamState? s))
                {
                    state[index] = s.Clone();
                }

                ids.Add(index++);
            }

            groups.Add(new GroupState(new Dictionary<string, double>(g.options), ids));
        }

        return new OptimizerState(groups, state);
    }

    /// <summary>
    /// Restores hyper-parameters and state from a snapshot of an optimizer over parameters of the same shapes, in the
    /// same groups. The snapshot is copied (the caller keeps it); existing state is replaced.
    /// </summary>
    public void load_state_dict(OptimizerState saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        if (saved.param_groups.Count != _groups.Count)
        {
            throw new TorchException($"loaded state dict has {saved.param_groups.Count} parameter groups, the optimizer {_groups.Count}");
        }

        for (int gi = 0; gi < _groups.Count; gi++)
        {
            int have = _groups[gi].parameters.Count, got = saved.param_groups[gi].parameters.Count;
            if (have != got)
            {
                throw new TorchException(
                    $"loaded state dict contains a parameter group ({gi}) with {got} parameters; the optimizer's has {have}");
            }
        }

        List<Tensor> ordered = _groups.SelectMany(g => g.parameters).ToList();
        var fresh = new Dictionary<Tensor, ParamState>(ReferenceEqualityComparer.Instance);
        int flat = 0;
        for (int gi = 0; gi < _groups.Count; gi++)
        {
            foreach (int id in saved.param_groups[gi].parameters)
            {
                Tensor p = ordered[flat++];
                if (saved.state.TryGetValue(id, out ParamState? s))
                {
                    CheckShapes(id, p, s);
                    fresh[p] = CloneLike(s, p);
                }
            }
        }

        foreach (ParamState old in _state.Values)
        {
            old.Dispose();
        }

        _state.Clear();
        foreach (var (p, s) in fresh)
        {
            _state[p] = s;
        }

        for (int gi = 0; gi < _groups.Count; gi++)
        {
            foreach (var (k, v) in saved.param_groups[gi].options)
            {
                _groups[gi][k] = v;
            }
        }
    }

    /// <summary>A copy of <paramref name="s"/> with its tensors on the parameter's device and dtype (as PyTorch casts them).</summary>
    private static ParamState CloneLike(ParamState s, Tensor p)
    {
        var c = new ParamState { step = s.step };
        ScalarType dtype = p.dtype;
        Device device = p.device;
        foreach (var (name, t) in s.tensors)
        {
            c.Set(name, t.to(dtype, device, copy: true));
        }

        return c;
    }

    private static void CheckShapes(int id, Tensor p, ParamState s)
    {
        long[] want = p.shape;
        foreach (var (name, t) in s.tensors)
        {
            if (!t.shape.SequenceEqual(want))
            {
                throw new TorchException(
                    $"optimizer state {id}.{name} has shape [{string.Join(", ", t.shape)}], the parameter [{string.Join(", ", want)}]");
            }
        }
    }

    /// <summary>Frees the state tensors (the parameters belong to their modules and are left alone).</summary>
    public void Dispose()
    {
        foreach (ParamState s in _state.Values)
        {
            s.Dispose();
        }

        _state.Clear();
        GC.SuppressFinalize(this);
    }
}
