using System.Collections;

namespace Trainer.Torch.Nn;

/// <summary>
/// Submodules by name, in insertion order, registered under their keys (so a parameter is named
/// <c>heads.copy.weight</c>). Re-adding a key replaces the module in place.
/// </summary>
public sealed class ModuleDict<T> : Module, IReadOnlyDictionary<string, T>
    where T : Module
{
    private readonly List<string> _keys = new();
    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);

    public ModuleDict(params (string name, T module)[] modules)
    {
        foreach (var (name, m) in modules)
        {
            Add(name, m);
        }
    }

    public int Count => _keys.Count;

    public T this[string key]
    {
        get => _items[key];
        set => Add(key, value);
    }

    public IEnumerable<string> Keys => _keys;

    public IEnumerable<T> Values => _keys.Select(k => _items[k]);

    public override string GetName() => "ModuleDict";

    public void Add(string key, T module)
    {
        register_module(key, module);
        if (!_items.ContainsKey(key))
        {
            _keys.Add(key);
        }

        _items[key] = module;
    }

    public bool ContainsKey(string key) => _items.ContainsKey(key);

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T value) =>
        _items.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, T>> GetEnumerator() =>
        _keys.Select(k => new KeyValuePair<string, T>(k, _items[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
