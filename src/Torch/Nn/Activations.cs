namespace Trainer.Torch.Nn;

/// <summary>GELU(x) = x Phi(x) (exact, erf form), or the tanh approximation with approximate = "tanh".</summary>
public sealed class GELU : Module<Tensor, Tensor>
{
    public GELU(string approximate = "none")
    {
        if (approximate is not ("none" or "tanh"))
        {
            throw new ArgumentException($"approximate must be 'none' or 'tanh', got '{approximate}'", nameof(approximate));
        }

        this.approximate = approximate;
    }

    public string approximate { get; }

    public override Tensor forward(Tensor input) => input.gelu(approximate);

    protected override string ExtraRepr() => $"approximate='{approximate}'";
}

/// <summary>ReLU(x) = max(0, x).</summary>
public sealed class ReLU : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.relu();
}

/// <summary>tanh(x).</summary>
public sealed class Tanh : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.tanh();
}

/// <summary>SiLU(x) = x sigma(x) (swish).</summary>
public sealed class SiLU : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.silu();
}

/// <summary>sigma(x) = 1 / (1 + exp(-x)).</summary>
public sealed class Sigmoid : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.sigmoid();
}

/// <summary>Returns its input (as a new handle to the same tensor, so disposing the result never frees the input).</summary>
public sealed class Identity : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.alias();
}
