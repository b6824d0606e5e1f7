using System.Buffers.Binary;
using Trainer.Training.Logging.Crc;

namespace Trainer.Training.Logging.TfRecord;

/// <summary>
/// TFRecord framing: uint64 length n (little-endian), uint32 masked CRC-32C of those 8 bytes, n data bytes,
/// uint32 masked CRC-32C of the data. A record takes n + 16 bytes.
/// </summary>
public static class TfRecordFormat
{
    /// <summary>Bytes of framing around the data: 8 + 4 + 4.</summary>
    public const int Overhead = 16;

    /// <summary>Bytes before the data: the length and its CRC.</summary>
    public const int HeaderSize = 12;

    /// <summary>The framed record for <paramref name="data"/>.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> data)
    {
        var record = new byte[data.Length + Overhead];
        var span = record.AsSpan();
        BinaryPrimitives.WriteUInt64LittleEndian(span, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], Crc32C.Masked(span[..8]));
        data.CopyTo(span[HeaderSize..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(HeaderSize + data.Length)..], Crc32C.Masked(data));
        return record;
    }

    /// <summary>Writes one framed record to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, ReadOnlySpan<byte> data) => stream.Write(Frame(data));
}
