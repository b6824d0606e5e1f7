using static Trainer.Torch.torch;

namespace Trainer.Torch.Nn;

/// <summary>
/// Layer normalisation over the trailing <c>normalized_shape</c> dimensions:
/// y = (x - E[x]) / sqrt(Var[x] + eps) * gamma + beta (biased variance), gamma = 1 and beta = 0 at start.
/// </summary>
public sealed class LayerNorm : Module<Tensor, Tensor>
{
    private readonly long[] _normalizedShape;

    public LayerNorm(long[] normalized_shape, double eps = 1e-5, bool elementwise_affine = true, bool bias = true,
        ScalarType? dtype = null, Device? device = null)
    {
        _normalizedShape = (long[])normalized_shape.Clone();
        this.eps = eps;
        this.elementwise_affine = elementwise_affine;
        if (elementwise_affine)
        {
            weight = ParameterAlloc.Empty(_normalizedShape, dtype, device);
            this.bias = bias ? ParameterAlloc.Empty(_normalizedShape, dtype, device) : null;
        }

        reset_parameters();
    }

    public LayerNorm(long normalized_shape, double eps = 1e-5, bool elementwise_affine = true, bool bias = true,
        ScalarType? dtype = null, Device? device = null)
        : this(new[] { normalized_shape }, eps, elementwise_affine, bias, dtype, device)
    {
    }

    public IReadOnlyList<long> normalized_shape => _normalizedShape;

    public double eps { get; }

    public bool elementwise_affine { get; }

    /// <summary>gamma, shape normalized_shape, or null without elementwise_affine.</summary>
    public Parameter? weight { get; private set; }

    /// <summary>beta, shape normalized_shape, or null.</summary>
    public Parameter? bias { get; private set; }

    /// <summary>gamma = 1, beta = 0.</summary>
    public void reset_parameters()
    {
        if (weight is not null)
        {
            nn.init.ones_(weight);
        }

        if (bias is not null)
        {
            nn.init.zeros_(bias);
        }
    }

    // x: (..., *normalized_shape) -> same shape
    public override Tensor forward(Tensor input) => nn.functional.layer_norm(input, _normalizedShape, weight, bias, eps);

    protected override string ExtraRepr() =>
        $"{PyRepr.Tuple(_normalizedShape)}, eps={PyRepr.Float(eps)}, elementwise_affine={PyRepr.Bool(elementwise_affine)}";
}
