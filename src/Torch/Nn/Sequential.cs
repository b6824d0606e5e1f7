using System.Collections;
using System.Globalization;

namespace Trainer.Torch.Nn;

/// <summary>
/// Modules applied in order, y = f_n(...f_1(x)), registered as children "0", "1", ... (or under the given names).
/// Intermediate results are disposed as soon as the next module has consumed them.
/// </summary>
public sealed class Sequential : Module<Tensor, Tensor>, IReadOnlyList<Module<Tensor, Tensor>>
{
    private readonly List<Module<Tensor, Tensor>> _layers = new();

    public Sequential()
    {
    }

    public Sequential(params Module<Tensor, Tensor>[] modules)
    {
        foreach (var m in modules)
        {
            append(m);
        }
    }

    public Sequential(params (string name, Module<Tensor, Tensor> module)[] modules)
    {
        foreach (var (name, m) in modules)
        {
            register_module(name, m);
            _layers.Add(m);
        }
    }

    public int Count => _layers.Count;

    public Module<Tensor, Tensor> this[int index] => _layers[index];

    /// <summary>Adds a module at the end under the next index name.</summary>
    public Sequential append(Module<Tensor, Tensor> module)
    {
        register_module(_layers.Count.ToString(CultureInfo.InvariantCulture), module);
        _layers.Add(module);
        return this;
    }

    public override Tensor forward(Tensor input)
    {
        Tensor x = input;
        foreach (var layer in _layers)
        {
            Tensor y = layer.call(x);
            if (!ReferenceEquals(x, input) && !ReferenceEquals(x, y))
            {
                x.Dispose();
            }

            x = y;
        }

        return ReferenceEquals(x, input) ? input.alias() : x;
    }

    public IEnumerator<Module<Tensor, Tensor>> GetEnumerator() => _layers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
