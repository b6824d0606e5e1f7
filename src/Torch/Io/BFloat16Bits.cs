namespace Trainer.Torch.Io;

/// <summary>
/// bfloat16 ↔ float32 by bit manipulation. A bfloat16 is the upper half of a binary32:
/// bits(bf16) = bits(f32) ≫ 16 after rounding, and f32 = bits(bf16) ≪ 16 (exact).
/// Rounding is to nearest, ties to even: add 0x7FFF + (bit 16 of x) to x's bits before the shift, as PyTorch's
/// scalar conversion does; values above the largest bfloat16 round to ±∞. Every NaN becomes the quiet NaN 0x7FC0.
/// </summary>
public static class BFloat16Bits
{
    /// <summary>The canonical quiet NaN written for every NaN input.</summary>
    public const ushort CanonicalNaN = 0x7FC0;

    /// <summary>Rounds <paramref name="value"/> to the nearest bfloat16 (ties to even) and returns its bits.</summary>
    public static ushort FromSingle(float value)
    {
        if (float.IsNaN(value))
        {
            return CanonicalNaN;
        }

        var bits = BitConverter.SingleToUInt32Bits(value);
        var roundingBias = 0x7FFFu + ((bits >> 16) & 1u);
        return (ushort)((bits + roundingBias) >> 16);
    }

    /// <summary>Widens bfloat16 bits to the float32 with the same value (exact).</summary>
    public static float ToSingle(ushort bits) => BitConverter.UInt32BitsToSingle((uint)bits << 16);

    /// <summary>Element-wise <see cref="FromSingle(float)"/>; the spans must have the same length.</summary>
    public static void FromSingle(ReadOnlySpan<float> source, Span<ushort> destination)
    {
        CheckLengths(source.Length, destination.Length);
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = FromSingle(source[i]);
        }
    }

    /// <summary>Element-wise <see cref="ToSingle(ushort)"/>; the spans must have the same length.</summary>
    public static void ToSingle(ReadOnlySpan<ushort> source, Span<float> destination)
    {
        CheckLengths(source.Length, destination.Length);
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = ToSingle(source[i]);
        }
    }

    private static void CheckLengths(int source, int destination)
    {
        if (source != destination)
        {
            throw new ArgumentException($"source has {source} elements but destination has {destination}");
        }
    }
}
