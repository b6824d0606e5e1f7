using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Models.Hopfield;

/// <summary>
/// Hopfield lookup layer (hopfield-layers' <c>HopfieldLayer</c>; Ramsauer et al., 2021): the stored patterns are
/// <c>quantity</c> learned memories W (1, quantity, d_k), shared by the batch, and the input is the state pattern:
/// a differentiable memory lookup. For states R (B, L, d_in):
/// <code>
///   Z = Hopfield(stored = W, state = R, projection = T or W)        (B, L, out)
/// </code>
/// where T (1, quantity, d_v) are separate learned targets with <c>lookupWeightsAsSeparated</c>, else the memories
/// themselves. Memories and targets are drawn N(0, 0.02) as in the library.
/// </summary>
public sealed class HopfieldLayer : Module<Tensor, Tensor>
{
    public HopfieldLayer(HopfieldConfig config, int quantity = 1, bool lookupWeightsAsSeparated = false,
        bool lookupTargetsAsTrainable = true, bool trainable = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantity, 1);
        hopfield = new Hopfield(config);
        Quantity = quantity;
        long dim = config.StoredPatternAsStatic ? hopfield.Dims.HeadDim : hopfield.Dims.StoredSize;
        lookup_weights = NewWeights(config.BatchFirst, quantity, dim, trainable);
        if (lookupWeightsAsSeparated)
        {
            long targetDim = config.PatternProjectionSize > 0 ? config.PatternProjectionSize : dim;
            target_weights = NewWeights(config.BatchFirst, quantity, targetDim, lookupTargetsAsTrainable);
        }

        reset_parameters();
    }

    public Hopfield hopfield { get; }

    /// <summary>The learned stored patterns, (1, quantity, d_k) (or (quantity, 1, d_k) without batch_first).</summary>
    public Parameter lookup_weights { get; }

    /// <summary>Separate learned pattern projections, or null.</summary>
    public Parameter? target_weights { get; }

    public int Quantity { get; }

    public void reset_parameters()
    {
        hopfield.reset_parameters();
        using var _ = no_grad();
        nn.init.normal_(lookup_weights, 0, 0.02);
        if (target_weights is not null)
        {
            nn.init.normal_(target_weights, 0, 0.02);
        }
    }

    /// <summary>Looks up states (B, L, d_in) in the learned memory -> (B, L, out).</summary>
    public override Tensor forward(Tensor input) => forward(input, null, null);

    public Tensor forward(Tensor input, Tensor? storedPatternPaddingMask, Tensor? associationMask)
    {
        using var scope = NewDisposeScope();
        var (stored, projection) = Memory(input);
        Tensor z = hopfield.forward(stored, input, projection, storedPatternPaddingMask, associationMask);
        return scope.MoveToOuter(z);
    }

    /// <summary>The association of the states with the memories, (B, H, L, quantity), without gradient.</summary>
    public Tensor GetAssociationMatrix(Tensor input)
    {
        using var scope = NewDisposeScope();
        var (stored, projection) = Memory(input);
        return scope.MoveToOuter(hopfield.GetAssociationMatrix(stored, input, projection));
    }

    private (Tensor stored, Tensor projection) Memory(Tensor input)
    {
        bool bf = hopfield.Config.BatchFirst;
        long b = input.size(bf ? 0 : 1);
        Tensor stored = Expand(lookup_weights, b, bf);
        Tensor projection = target_weights is null ? stored : Expand(target_weights, b, bf);
        return (stored, projection);
    }

    private Tensor Expand(Tensor w, long batch, bool batchFirst) =>
        batchFirst ? w.expand(batch, Quantity, w.size(2)) : w.expand(Quantity, batch, w.size(2));

    private static Parameter NewWeights(bool batchFirst, long quantity, long dim, bool trainable)
    {
        using Tensor w = empty(batchFirst ? new[] { 1, quantity, dim } : new[] { quantity, 1, dim });
        return new Parameter(w, trainable);
    }

    protected override string ExtraRepr() => $"quantity={Quantity}, separate_targets={PyBool(target_weights is not null)}";

    private static string PyBool(bool b) => b ? "True" : "False";
}
