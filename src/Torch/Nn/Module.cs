using System.Reflection;

namespace Trainer.Torch.Nn;

/// <summary>
/// Base of all layers and models, with PyTorch's semantics: parameters, buffers and submodules registered under
/// dotted names (<c>blocks.0.attn.qkv.weight</c>), <c>state_dict</c>/<c>load_state_dict</c>, <c>train()</c>/
/// <c>eval()</c>. Fields of type <see cref="Parameter"/> and <see cref="Module"/> are registered automatically under
/// their field name (a leading underscore dropped) the first time the module is inspected; buffers and dynamic names
/// are registered with <see cref="register_buffer"/>, <see cref="register_parameter"/>, <see cref="register_module"/>.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<KeyValuePair<string, Parameter?>> _parameters = new();
    private readonly List<KeyValuePair<string, Tensor?>> _buffers = new();
    private readonly List<KeyValuePair<string, Module?>> _modules = new();
    private readonly HashSet<string> _nonPersistent = new();
    private bool _fieldsScanned;

    protected Module()
    {
        Runtime.EnsureInitialized();
    }

    /// <summary>True in training mode (dropout active), false after <see cref="eval"/>.</summary>
    public bool training { get; private set; } = true;

    /// <summary>The type name, as PyTorch prints it.</summary>
    public virtual string GetName() => GetType().Name;

    // ------------------------------------------------------------ registration

    public void register_parameter(string name, Parameter? p) => Set(_parameters, name, p);

    /// <summary>A tensor saved in the state dict but not trained (persistent: false leaves it out of state_dict).</summary>
    public void register_buffer(string name, Tensor? t, bool persistent = true)
    {
        if (t is not null)
        {
            DisposeScope.Detach(t);
        }

        Set(_buffers, name, t);
        if (!persistent)
        {
            _nonPersistent.Add(name);
        }
    }

    public void register_module(string name, Module? m) => Set(_modules, name, m);

    private void Set<T>(List<KeyValuePair<string, T>> list, string name, T value)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"invalid module attribute name '{name}': must be non-empty without dots", nameof(name));
        }

        int i = list.FindIndex(kv => kv.Key == name);
        if (i >= 0)
        {
            list[i] = new(name, value);
        }
        else
        {
            list.Add(new(name, value));
        }
    }

    /// <summary>Registers fields of type Parameter and Module (declaration order, base classes first).</summary>
    private void ScanFields()
    {
        if (_fieldsScanned)
        {
            return;
        }

        _fieldsScanned = true;
        var chain = new Stack<Type>();
        for (Type? t = GetType(); t is not null && t != typeof(Module); t = t.BaseType)
        {
            chain.Push(t);
        }

        foreach (Type t in chain)
        {
            foreach (FieldInfo f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                string name = FieldName(f.Name);
                object? v = f.GetValue(this);
                if (typeof(Parameter).IsAssignableFrom(f.FieldType) && !_parameters.Exists(kv => kv.Key == name))
                {
                    _parameters.Add(new(name, (Parameter?)v));
                }
                else if (typeof(Module).IsAssignableFrom(f.FieldType) && !_modules.Exists(kv => kv.Key == name))
                {
                    _modules.Add(new(name, (Module?)v));
                }
            }
        }
    }

    private static string FieldName(string raw)
    {
        // Auto-properties compile to "<Name>k__BackingField".
        if (raw.StartsWith('<'))
        {
            raw = raw[1..raw.IndexOf('>', StringComparison.Ordinal)];
        }

        return raw.TrimStart('_');
    }

    // ------------------------------------------------------------ traversal

    public IEnumerable<(string name, Module module)> named_children()
    {
        ScanFields();
        foreach (var kv in _modules)
        {
            if (kv.Value is not null)
            {
                yield return (kv.Key, kv.Value);
            }
        }
    }

    public IEnumerable<Module> children() => named_children().Select(c => c.module);

    /// <summary>This module and every descendant, with dotted prefixes ("" for this one).</summary>
    public IEnumerable<(string name, Module module)> named_modules(string prefix = "")
    {
        yield return (prefix, this);
        foreach (var (name, child) in named_children())
        {
            foreach (var m in child.named_modules(prefix.Length == 0 ? name : prefix + "." + name))
            {
                yield return m;
            }
        }
    }

    public IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true)
    {
        var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
        foreach (var (prefix, m) in recurse ? named_modules() : new[] { ("", this) })
        {
            m.ScanFields();
            foreach (var kv in m._parameters)
            {
                if (kv.Value is not null && seen.Add(kv.Value))
                {
                    yield return (Join(prefix, kv.Key), kv.Value);
                }
            }
        }
    }

    public IEnumerable<Parameter> parameters(bool recurse = true) => named_parameters(recurse).Select(p => p.parameter);

    public IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true)
    {
        foreach (var (prefix, m) in recurse ? named_modules() : new[] { ("", this) })
        {
            foreach (var kv in m._buffers)
            {
                if (kv.Value is not null)
                {
                    yield return (Join(prefix, kv.Key), kv.Value);
                }
            }
        }
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    // ------------------------------------------------------------ state

    /// <summary>Parameters and persistent buffers by dotted name; the tensors are the live ones (not copies).</summary>
    public Dictionary<string, Tensor> state_dict()
    {
        var d = new Dictionary<string, Tensor>();
        foreach (var (name, p) in named_parameters())
        {
            d[name] = p;
        }

        foreach (var (prefix, m) in named_modules())
        {
            foreach (var kv in m._buffers)
            {
                if (kv.Value is not null && !m._nonPersistent.Contains(kv.Key))
                {
                    d[Join(prefix, kv.Key)] = kv.Value;
                }
            }
        }

        return d;
    }

    /// <summary>
    /// Copies values into the live parameters and buffers. With <paramref name="strict"/>, a missing or unexpected key
    /// or a shape mismatch throws, naming every offending key; without it, matching keys load and the lists are returned.
    /// </summary>
    public (IReadOnlyList<string> missing, IReadOnlyList<string> unexpected) load_state_dict(IReadOnlyDictionary<string, Tensor> source, bool strict = true)
    {
        Dictionary<string, Tensor> own = state_dict();
        var missing = own.Keys.Where(k => !source.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        var unexpected = source.Keys.Where(k => !own.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        var badShapes = new List<string>();
        foreach (var (k, t) in own)
        {
            if (source.TryGetValue(k, out Tensor? s) && !s.shape.SequenceEqual(t.shape))
            {
                badShapes.Add($"{k}: checkpoint [{string.Join(", ", s.shape)}] vs model [{string.Join(", ", t.shape)}]");
            }
        }

        if (badShapes.Count > 0 || (strict && (missing.Count > 0 || unexpected.Count > 0)))
        {
            var msg = new List<string> { $"Error(s) in loading state_dict for {GetName()}:" };
            if (missing.Count > 0) msg.Add("  Missing key(s): " + string.Join(", ", missing));
            if (unexpected.Count > 0) msg.Add("  Unexpected key(s): " + string.Join(", ", unexpected));
            if (badShapes.Count > 0) msg.Add("  Size mismatch: " + string.Join("; ", badShapes));
            throw new TorchException(string.Join(Environment.NewLine, msg));
        }

        using (torch.no_grad())
        {
            foreach (var (k, t) in own)
            {
                if (source.TryGetValue(k, out Tensor? s))
                {
                    t.copy_(s);
                }
            }
        }

        return (missing, unexpected);
    }

    // ------------------------------------------------------------ modes and devices

    public virtual Module train(bool mode = true)
    {
        training = mode;
        foreach (Module c in children())
        {
            c.train(mode);
        }

        return this;
    }

    public Module eval() => train(false);

    /// <summary>Sets every parameter's gradient to none (set_to_none=True, PyTorch 2's default) or to zero.</summary>
    public void zero_grad(bool set_to_none = true)
    {
        foreach (Parameter p in parameters())
        {
            if (set_to_none)
            {
                p.grad = null;
            }
            else
            {
                using Tensor? g = p.grad;
                g?.zero_();
            }
        }
    }

    /// <summary>Moves or converts every parameter and buffer in place (the Parameter objects stay the same).</summary>
    public Module to(Device device) => Apply(t => t.to(device));

    public Module to(ScalarType dtype) => Apply(t => t.dtype.IsFloatingPoint() ? t.to(dtype) : t.alias());

    private Module Apply(Func<Tensor, Tensor> f)
    {
        foreach (var (_, m) in named_modules())
        {
            m.ScanFields();
            for (int i = 0; i < m._parameters.Count; i++)
            {
                Parameter? p = m._parameters[i].Value;
                if (p is not null)
                {
                    using Tensor moved = f(p);
                    var np = new Parameter(moved, p.requires_grad);
                    m.ReplaceParameter(m._parameters[i].Key, p, np);
                }
            }

            for (int i = 0; i < m._buffers.Count; i++)
            {
                Tensor? b = m._buffers[i].Value;
                if (b is not null)
                {
                    Tensor nb = DisposeScope.Detach(f(b));
                    m._buffers[i] = new(m._buffers[i].Key, nb);
                }
            }
        }

        return this;
    }

    /// <summary>Swaps a parameter in the registry and in the field that holds it.</summary>
    private void ReplaceParameter(string name, Parameter old, Parameter replacement)
    {
        int i = _parameters.FindIndex(kv => kv.Key == name);
        _parameters[i] = new(name, replacement);
        for (Type? t = GetType(); t is not null && t != typeof(Module); t = t.BaseType)
        {
            foreach (FieldInfo f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (ReferenceEquals(f.GetValue(this), old))
                {
                    f.SetValue(this, replacement);
                }
            }
        }
    }

    /// <summary>Number of trainable scalars.</summary>
    public long num_parameters() => parameters().Sum(p => p.numel());

    /// <summary>PyTorch-style tree: <c>Linear(in_features=4, out_features=8, bias=True)</c>, nested with names.</summary>
    public override string ToString()
    {
        var children = named_children().ToList();
        string extra = ExtraRepr();
        if (children.Count == 0)
        {
            return $"{GetName()}({extra})";
        }

        var sb = new System.Text.StringBuilder();
        sb.Append(GetName()).Append('(');
        if (extra.Length > 0)
        {
            sb.Append(Environment.NewLine).Append("  ").Append(extra);
        }

        foreach (var (name, c) in children)
        {
            string inner = c.ToString().Replace(Environment.NewLine, Environment.NewLine + "  ", StringComparison.Ordinal);
            sb.Append(Environment.NewLine).Append("  (").Append(name).Append("): ").Append(inner);
        }

        sb.Append(Environment.NewLine).Append(')');
        return sb.ToString();
    }

    /// <summary>The part inside the parentheses of a leaf module's ToString (its hyper-parameters).</summary>
    protected virtual string ExtraRepr() => "";

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        foreach (Parameter p in parameters(recurse: false))
        {
            p.Dispose();
        }

        foreach (var kv in _buffers)
        {
            kv.Value?.Dispose();
        }

        foreach (Module c in children())
        {
            c.Dispose();
        }
    }
}

/// <summary>A module with a typed forward: <c>y = module.call(x)</c> or <c>module.forward(x)</c>.</summary>
public abstract class Module<TIn, TOut> : Module
{
    public abstract TOut forward(TIn input);

    public TOut call(TIn input) => forward(input);
}

/// <summary>A module with a typed two-argument forward.</summary>
public abstract class Module<TIn1, TIn2, TOut> : Module
{
    public abstract TOut forward(TIn1 input1, TIn2 input2);

    public TOut call(TIn1 input1, TIn2 input2) => forward(input1, input2);
}
