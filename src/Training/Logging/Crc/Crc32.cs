namespace Trainer.Training.Logging.Crc;

/// <summary>
/// CRC-32 of ISO-HDLC / zlib / PNG (reflected polynomial 0xEDB88320). Check value: Crc32("123456789") = 0xCBF43926.
/// </summary>
public static class Crc32
{
    private static readonly ReflectedCrc32 Engine = new(0xEDB88320u);

    /// <summary>CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Engine.Compute(data);

    /// <summary>Continues <paramref name="crc"/> over more bytes.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data) => Engine.Append(crc, data);
}
