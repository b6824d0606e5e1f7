namespace Trainer.Torch.Optim;

/// <summary>
/// What an optimizer keeps for one parameter, as an entry of PyTorch's <c>optimizer.state</c>: the number of updates
/// the parameter has received (<c>step</c>, t in the bias corrections 1 - beta^t) and named tensors of the parameter's
/// shape (<c>exp_avg</c>, <c>exp_avg_sq</c>, <c>max_exp_avg_sq</c>, <c>momentum_buffer</c>). The tensors belong to the
/// optimizer (or, in a snapshot from <see cref="Optimizer.state_dict"/>, to that snapshot), never to a
/// <see cref="DisposeScope"/>.
/// </summary>
public sealed class ParamState : IDisposable
{
    private readonly Dictionary<string, Tensor> _tensors = new();

    /// <summary>Number of updates applied so far.</summary>
    public long step { get; set; }

    /// <summary>The state tensors by name.</summary>
    public IReadOnlyDictionary<string, Tensor> tensors => _tensors;

    /// <summary>A state tensor, or null when the optimizer has not created it.</summary>
    public Tensor? this[string name] => _tensors.TryGetValue(name, out Tensor? t) ? t : null;

    /// <summary>Stores <paramref name="t"/> under <paramref name="name"/>, taking it out of any dispose scope.</summary>
    public Tensor Set(string name, Tensor t)
    {
        if (_tensors.TryGetValue(name, out Tensor? old) && !ReferenceEquals(old, t))
        {
            old.Dispose();
        }

        _tensors[name] = DisposeScope.Detach(t);
        return t;
    }

    /// <summary>A deep copy (fresh tensors, detached from scopes).</summary>
    public ParamState Clone()
    {
        var c = new ParamState { step = step };
        foreach (var (k, t) in _tensors)
        {
            c.Set(k, t.clone());
        }

        return c;
    }

    public void Dispose()
    {
        foreach (Tensor t in _tensors.Values)
        {
            t.Dispose();
        }

        _tensors.Clear();
    }
}
