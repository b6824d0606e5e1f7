namespace Trainer.Training.Logging.Crc;

/// <summary>
/// CRC-32C (Castagnoli; reflected polynomial 0x82F63B78), the checksum of TFRecord framing,
/// and the TFRecord mask: masked(c) = ((c >> 15) | (c << 17)) + 0xA282EAD8 (mod 2^32).
/// Check value: Crc32C("123456789") = 0xE3069283.
/// </summary>
public static class Crc32C
{
    private static readonly ReflectedCrc32 Engine = new(0x82F63B78u);

    /// <summary>CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Engine.Compute(data);

    /// <summary>Continues <paramref name="crc"/> over more bytes.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data) => Engine.Append(crc, data);

    /// <summary>The TFRecord masked CRC: rotate right by 15, then add 0xA282EAD8.</summary>
    public static uint Mask(uint crc) => unchecked(((crc >> 15) | (crc << 17)) + 0xA282EAD8u);

    /// <summary>Inverse of <see cref="Mask"/>.</summary>
    public static uint Unmask(uint masked)
    {
        var rotated = unchecked(masked - 0xA282EAD8u);
        return (rotated >> 17) | (rotated << 15);
    }

    /// <summary>Masked CRC-32C of <paramref name="data"/>, as stored in TFRecord files.</summary>
    public static uint Masked(ReadOnlySpan<byte> data) => Mask(Compute(data));
}
