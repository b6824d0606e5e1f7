using System.Buffers.Binary;
using System.Runtime.Intrinsics.X86;

namespace Trainer.Training.Logging.Crc;

/// <summary>
/// CRC-32C (Castagnoli; reflected polynomial 0x82F63B78), the checksum of TFRecord framing,
/// and the TFRecord mask: masked(c) = ((c >> 15) | (c << 17)) + 0xA282EAD8 (mod 2^32).
/// Check value: Crc32C("123456789") = 0xE3069283. Uses the SSE4.2 CRC32 instruction (which computes exactly
/// this polynomial) when the CPU has it, else slicing-by-8 tables.
/// </summary>
public static class Crc32C
{
    private static readonly ReflectedCrc32 Engine = new(0x82F63B78u);

    /// <summary>CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues <paramref name="crc"/> over more bytes: Append(Compute(a), b) == Compute(a ++ b).</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data) =>
        Sse42.X64.IsSupported ? AppendHardware(crc, data) : Engine.Append(crc, data);

    /// <summary>The portable table path (what non-SSE4.2 machines use); exposed so tests can check both paths.</summary>
    public static uint ComputeSoftware(ReadOnlySpan<byte> data) => Engine.Compute(data);

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

    private static uint AppendHardware(uint crc, ReadOnlySpan<byte> data)
    {
        ulong state = ~crc;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            state = Sse42.X64.Crc32(state, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
        }

        var small = (uint)state;
        for (; i < data.Length; i++)
        {
            small = Sse42.Crc32(small, data[i]);
        }

        return ~small;
    }
}
