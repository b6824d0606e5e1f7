namespace Trainer.Models.Hopfield;

/// <summary>
/// Sizes of a <see cref="Hopfield"/> layer with the library's defaults filled in: input (state) size, stored-pattern
/// size d_k, pattern-projection size d_v, Hopfield-space size per head hd, projected-pattern size per head pd and
/// output size. In static execution (nothing projected) the sizes come from the inputs and are 0 here.
/// </summary>
public sealed record HopfieldDims(int InputSize, int StoredSize, int ProjectionSize, int HeadDim, int PatternDim, int OutputSize, int Heads)
{
    /// <summary>Fills in defaults and checks the combination of options.</summary>
    public static HopfieldDims Resolve(HopfieldConfig c)
    {
        if (c.NumHeads < 1)
        {
            throw new ArgumentException($"num_heads must be >= 1, got {c.NumHeads}");
        }

        if (c.NormalizeHopfieldSpaceAffine && !c.NormalizeHopfieldSpace)
        {
            throw new ArgumentException("normalize_hopfield_space_affine requires normalize_hopfield_space");
        }

        if (c.StaticExecution)
        {
            return new HopfieldDims(0, 0, 0, c.HiddenSize, c.PatternSize, 0, c.NumHeads);
        }

        if (c.InputSize <= 0)
        {
            throw new ArgumentException("input_size is required unless every pattern is static and the output projection is disabled");
        }

        int stored = c.StoredPatternSize > 0 ? c.StoredPatternSize : c.InputSize;
        int projection = c.PatternProjectionSize > 0 ? c.PatternProjectionSize : c.InputSize;
        int head = c.HiddenSize;
        if (head <= 0)
        {
            head = c.InputSize / c.NumHeads;
            if (head * c.NumHeads != c.InputSize)
            {
                throw new ArgumentException($"input_size {c.InputSize} must be divisible by num_heads {c.NumHeads} (or set hidden_size)");
            }
        }

        int pattern = c.PatternSize > 0 ? c.PatternSize : head;
        int output = c.OutputSize > 0 ? c.OutputSize : c.InputSize;
        if (c.PatternProjectionAsConnected && c.StoredPatternAsStatic)
        {
            throw new ArgumentException("pattern_projection_as_connected needs a projected (non-static) stored pattern");
        }

        if (c.PatternProjectionAsConnected && stored != projection)
        {
            throw new ArgumentException($"pattern_projection_as_connected needs stored_pattern_size == pattern_projection_size, got {stored} and {projection}");
        }

        if (c.ConcatBiasPattern && (c.StoredPatternAsStatic || c.PatternProjectionAsStatic))
        {
            throw new ArgumentException("concat_bias_pattern cannot add a bias to static stored patterns or projections");
        }

        if (c.DisableOutProjection && c.OutputSize > 0 && c.OutputSize != c.NumHeads * pattern)
        {
            throw new ArgumentException($"output_size {c.OutputSize} needs the output projection (heads x pattern_size = {c.NumHeads * pattern})");
        }

        return new HopfieldDims(c.InputSize, stored, projection, head, pattern, c.DisableOutProjection ? c.NumHeads * pattern : output, c.NumHeads);
    }
}
