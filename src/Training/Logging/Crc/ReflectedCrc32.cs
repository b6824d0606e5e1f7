namespace Trainer.Training.Logging.Crc;

/// <summary>
/// A reflected (LSB-first) 32-bit CRC with slicing-by-8 tables.
/// For polynomial P (reflected form), init 0xFFFFFFFF and final xor 0xFFFFFFFF:
/// crc(m) = ~(Σ over bits of m of x^k mod P), processed 8 bytes per step with 8 tables T_j(b) = T_0(b)·x^(8j) mod P.
/// </summary>
internal sealed class ReflectedCrc32
{
    private readonly uint[] _tables; // [8 * 256]: table j at offset 256 * j

    public ReflectedCrc32(uint reflectedPolynomial)
    {
        _tables = new uint[8 * 256];
        for (uint b = 0; b < 256; b++)
        {
            var crc = b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ reflectedPolynomial : crc >> 1;
            }

            _tables[b] = crc;
        }

        for (var j = 1; j < 8; j++)
        {
            for (var b = 0; b < 256; b++)
            {
                var previous = _tables[(256 * (j - 1)) + b];
                _tables[(256 * j) + b] = (previous >> 8) ^ _tables[previous & 0xFF];
            }
        }
    }

    /// <summary>CRC of <paramref name="data"/> from scratch.</summary>
    public uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a finished CRC <paramref name="crc"/> over more bytes: Append(Compute(a), b) == Compute(a ++ b).</summary>
    public uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var state = ~crc;
        var t = _tables;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            var low = state ^ (uint)(data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
            state = t[(7 * 256) + (low & 0xFF)]
                ^ t[(6 * 256) + ((low >> 8) & 0xFF)]
                ^ t[(5 * 256) + ((low >> 16) & 0xFF)]
                ^ t[(4 * 256) + (low >> 24)]
                ^ t[(3 * 256) + data[i + 4]]
                ^ t[(2 * 256) + data[i + 5]]
                ^ t[256 + data[i + 6]]
                ^ t[data[i + 7]];
        }

        for (; i < data.Length; i++)
        {
            state = (state >> 8) ^ t[(state ^ data[i]) & 0xFF];
        }

        return ~state;
    }
}
