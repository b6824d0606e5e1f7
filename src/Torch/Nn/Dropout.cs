namespace Trainer.Torch.Nn;

/// <summary>
/// In training mode zeroes each element with probability p and scales the rest by 1/(1 - p), so E[y] = x;
/// the identity in eval mode.
/// </summary>
public sealed class Dropout : Module<Tensor, Tensor>
{
    public Dropout(double p = 0.5, bool inplace = false)
    {
        if (p < 0 || p > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, $"dropout probability has to be between 0 and 1, but got {p}");
        }

        this.p = p;
        this.inplace = inplace;
    }

    public double p { get; }

    /// <summary>Kept for the repr; the result is always a new tensor here.</summary>
    public bool inplace { get; }

    public override Tensor forward(Tensor input) => torch.nn.functional.dropout(input, p, training);

    protected override string ExtraRepr() => $"p={PyRepr.Float(p)}, inplace={PyRepr.Bool(inplace)}";
}
