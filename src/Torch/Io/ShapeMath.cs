namespace Trainer.Torch.Io;

/// <summary>Element counts and byte sizes with overflow checks, shared by the reader, writer and entries.</summary>
internal static class ShapeMath
{
    /// <summary>numel = ∏ shape[i] (1 for a scalar); null when a dimension is negative or the product overflows.</summary>
    public static long? TryNumel(ReadOnlySpan<long> shape)
    {
        long numel = 1;
        foreach (var dim in shape)
        {
            if (dim < 0)
            {
                return null;
            }

            try
            {
                numel = checked(numel * dim);
            }
            catch (OverflowException)
            {
                return null;
            }
        }

        return numel;
    }

    /// <summary>numel · elementSize, null on overflow.</summary>
    public static long? TryByteLength(long numel, int elementSize)
    {
        try
        {
            return checked(numel * elementSize);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>"[2, 3]" for messages; "[]" for a scalar.</summary>
    public static string Format(ReadOnlySpan<long> shape)
    {
        var parts = new string[shape.Length];
        for (var i = 0; i < shape.Length; i++)
        {
            parts[i] = shape[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return "[" + string.Join(", ", parts) + "]";
    }
}
