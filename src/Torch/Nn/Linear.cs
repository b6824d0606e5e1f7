using static Trainer.Torch.torch;

namespace Trainer.Torch.Nn;

/// <summary>
/// Affine map y = x W^T + b, with W of shape (out_features, in_features) and b of shape (out_features).
/// Initialised as PyTorch: W ~ kaiming_uniform(a = sqrt 5), i.e. U(-1/sqrt(fan_in), 1/sqrt(fan_in)), and
/// b ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)); the draws come from the global generator in PyTorch's order.
/// </summary>
public sealed class Linear : Module<Tensor, Tensor>
{
    public Linear(long in_features, long out_features, bool bias = true, ScalarType? dtype = null, Device? device = null)
    {
        this.in_features = in_features;
        this.out_features = out_features;
        weight = ParameterAlloc.Empty(new[] { out_features, in_features }, dtype, device);
        this.bias = bias ? ParameterAlloc.Empty(new[] { out_features }, dtype, device) : null;
        reset_parameters();
    }

    public long in_features { get; }

    public long out_features { get; }

    /// <summary>W, shape (out_features, in_features).</summary>
    public Parameter weight { get; private set; }

    /// <summary>b, shape (out_features), or null.</summary>
    public Parameter? bias { get; private set; }

    /// <summary>Re-draws W and b from PyTorch's default distributions.</summary>
    public void reset_parameters()
    {
        nn.init.kaiming_uniform_(weight, a: Math.Sqrt(5));
        if (bias is not null)
        {
            double bound = in_features > 0 ? 1 / Math.Sqrt(in_features) : 0;
            nn.init.uniform_(bias, -bound, bound);
        }
    }

    // x: (..., in_features) -> (..., out_features)
    public override Tensor forward(Tensor input) => nn.functional.linear(input, weight, bias);

    protected override string ExtraRepr() =>
        $"in_features={in_features}, out_features={out_features}, bias={PyRepr.Bool(bias is not null)}";
}
