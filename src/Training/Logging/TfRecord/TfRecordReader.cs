using System.Buffers.Binary;
using Trainer.Training.Logging.Crc;

namespace Trainer.Training.Logging.TfRecord;

/// <summary>One record's data and the byte offset of its header in the file.</summary>
public readonly record struct TfRecordEntry(long Offset, byte[] Data);

/// <summary>
/// Reads TFRecord records and checks both masked CRC-32C values of each. A bad CRC, a length past the end
/// of the file or a truncated record throws <see cref="EventFileCorruptException"/> naming the file and offset;
/// with <c>tolerateTruncatedTail</c> a record cut short at the end of the file (a writer still running) ends
/// the sequence quietly instead and sets <see cref="TruncatedTailOffset"/>.
/// </summary>
public sealed class TfRecordReader
{
    private readonly Stream _stream;
    private readonly string _name;
    private readonly bool _tolerateTruncatedTail;

    /// <summary>Reads from <paramref name="stream"/>; <paramref name="name"/> appears in error messages.</summary>
    public TfRecordReader(Stream stream, string name, bool tolerateTruncatedTail = false)
    {
        _stream = stream;
        _name = name;
        _tolerateTruncatedTail = tolerateTruncatedTail;
    }

    /// <summary>Offset of a record cut short at the end of the stream, when one was tolerated; else null.</summary>
    public long? TruncatedTailOffset { get; private set; }

    /// <summary>All records, in order, each verified.</summary>
    public IEnumerable<TfRecordEntry> ReadAll()
    {
        long offset = 0;
        var header = new byte[TfRecordFormat.HeaderSize];
        while (true)
        {
            var got = ReadFully(header);
            if (got == 0)
            {
                yield break;
            }

            if (got < header.Length)
            {
                if (Truncated(offset, $"header has {got} of {header.Length} bytes"))
                {
                    yield break;
                }
            }

            var length = BinaryPrimitives.ReadUInt64LittleEndian(header);
            CheckCrc(offset, "length", Crc32C.Masked(header.AsSpan(0, 8)), BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(8)));
            var remaining = _stream.CanSeek ? _stream.Length - _stream.Position : long.MaxValue;
            if (length > int.MaxValue - TfRecordFormat.Overhead || (long)length + 4 > remaining)
            {
                if (Truncated(offset, $"record of {length} data bytes runs past the end ({remaining} bytes left)"))
                {
                    yield break;
                }
            }

            var body = new byte[(int)length + 4];
            var bodyGot = ReadFully(body);
            if (bodyGot < body.Length && Truncated(offset, $"record has {bodyGot} of {body.Length} data+crc bytes"))
            {
                yield break;
            }

            var data = body.AsSpan(0, (int)length);
            CheckCrc(offset, "data", Crc32C.Masked(data), BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan((int)length)));
            yield return new TfRecordEntry(offset, data.ToArray());
            offset += (long)length + TfRecordFormat.Overhead;
        }
    }

    private int ReadFully(byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = _stream.Read(buffer, total, buffer.Length - total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    /// <summary>Returns true to stop quietly (tolerated tail), otherwise throws.</summary>
    private bool Truncated(long offset, string what)
    {
        if (_tolerateTruncatedTail)
        {
            TruncatedTailOffset = offset;
            return true;
        }

        throw new EventFileCorruptException(_name, offset, $"truncated record: {what}");
    }

    private void CheckCrc(long offset, string part, uint computed, uint stored)
    {
        if (computed != stored)
        {
            throw new EventFileCorruptException(
                _name,
                offset,
                $"{part} CRC mismatch: stored masked CRC-32C 0x{stored:X8}, computed 0x{computed:X8}");
        }
    }
}
