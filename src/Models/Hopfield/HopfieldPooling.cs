using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Models.Hopfield;

/// <summary>
/// Hopfield pooling (hopfield-layers' <c>HopfieldPooling</c>; Ramsauer et al., 2021, "HopfieldPooling"): the state
/// patterns are <c>quantity</c> learned queries Q (1, quantity, d), shared by the batch, and the input is both the
/// stored patterns and the pattern projections. For a bag Y (B, S, d):
/// <code>
///   Z = Hopfield(stored = Y, state = Q expanded to (B, quantity, d), projection = Y)     (B, quantity, out)
///   output = Z flattened to (B, quantity * out)
/// </code>
/// The queries are drawn N(0, 0.02) as in the library; with state_pattern_as_static they live in the Hopfield
/// space (hidden_size dims).
/// </summary>
public sealed class HopfieldPooling : Module<Tensor, Tensor>
{
    public HopfieldPooling(HopfieldConfig config, int quantity = 1, bool trainable = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantity, 1);
        hopfield = new Hopfield(config);
        Quantity = quantity;
        long dim = config.StatePatternAsStatic ? hopfield.Dims.HeadDim : hopfield.Dims.InputSize;
        using Tensor w = empty(config.BatchFirst ? new[] { 1, (long)quantity, dim } : new[] { (long)quantity, 1, dim });
        pooling_weights = new Parameter(w, trainable);
        reset_parameters();
    }

    public Hopfield hopfield { get; }

    /// <summary>The learned state patterns (queries), (1, quantity, d) (or (quantity, 1, d) without batch_first).</summary>
    public Parameter pooling_weights { get; }

    public int Quantity { get; }

    public void reset_parameters()
    {
        hopfield.reset_parameters();
        using var _ = no_grad();
        nn.init.normal_(pooling_weights, 0, 0.02);
    }

    /// <summary>Pools a bag (B, S, d) -> (B, quantity * out).</summary>
    public override Tensor forward(Tensor input) => forward(input, input);

    /// <summary>Pools with separate stored patterns and pattern projections -> (B, quantity * out).</summary>
    public Tensor forward(Tensor stored, Tensor projection, Tensor? storedPatternPaddingMask = null, Tensor? associationMask = null)
    {
        using var scope = NewDisposeScope();
        Tensor state = State(stored);
        Tensor z = hopfield.forward(stored, state, projection, storedPatternPaddingMask, associationMask);
        if (!hopfield.Config.BatchFirst)
        {
            z = z.transpose(0, 1);                                            // (B, quantity, out)
        }

        return scope.MoveToOuter(z.flatten(1));
    }

    /// <summary>The association of the learned queries with the bag, (B, H, quantity, S), without gradient.</summary>
    public Tensor GetAssociationMatrix(Tensor stored, Tensor projection, Tensor? storedPatternPaddingMask = null, Tensor? associationMask = null)
    {
        using Tensor state = State(stored);
        return hopfield.GetAssociationMatrix(stored, state, projection, storedPatternPaddingMask, associationMask);
    }

    private Tensor State(Tensor stored)
    {
        long d = pooling_weights.size(2);
        return hopfield.Config.BatchFirst
            ? pooling_weights.expand(stored.size(0), Quantity, d)
            : pooling_weights.expand(Quantity, stored.size(1), d);
    }

    protected override string ExtraRepr() => $"quantity={Quantity}";
}
