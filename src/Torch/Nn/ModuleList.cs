using System.Collections;
using System.Globalization;

namespace Trainer.Torch.Nn;

/// <summary>
/// An indexable list of submodules registered as "0", "1", ..., so their parameters are named
/// <c>blocks.0.attn.qkv.weight</c>. It has no forward: the owner decides how to apply them.
/// </summary>
public sealed class ModuleList<T> : Module, IReadOnlyList<T>
    where T : Module
{
    private readonly List<T> _items = new();

    public ModuleList(params T[] modules)
    {
        foreach (T m in modules)
        {
            Add(m);
        }
    }

    public ModuleList(IEnumerable<T> modules)
    {
        foreach (T m in modules)
        {
            Add(m);
        }
    }

    public int Count => _items.Count;

    public T this[int index] => _items[index < 0 ? index + _items.Count : index];

    public override string GetName() => "ModuleList";

    /// <summary>Appends a module under the next index name.</summary>
    public void Add(T module)
    {
        register_module(_items.Count.ToString(CultureInfo.InvariantCulture), module);
        _items.Add(module);
    }

    public ModuleList<T> append(T module)
    {
        Add(module);
        return this;
    }

    public ModuleList<T> extend(IEnumerable<T> modules)
    {
        foreach (T m in modules)
        {
            Add(m);
        }

        return this;
    }

    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
