using System.Buffers.Binary;
using System.Text;
using Trainer.Training.Logging.Model;
using Trainer.Training.Logging.Proto;
using Trainer.Training.Logging.TfRecord;

namespace Trainer.Training.Tests.Logging;

public class TfRecordTests
{
    [Fact]
    public void File_version_event_with_wall_time_1_frames_to_a_40_byte_record()
    {
        var data = EventEncoder.Encode(EventRecord.FileVersionEvent(1.0));
        var record = TfRecordFormat.Frame(data);

        Assert.Equal(40, record.Length);
        Assert.Equal(24UL, BinaryPrimitives.ReadUInt64LittleEndian(record));
        Assert.Equal(Reference.Mask(Reference.Crc32C(record.AsSpan(0, 8))), BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(8)));
        Assert.Equal(Reference.Mask(Reference.Crc32C(record.AsSpan(12, 24))), BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(36)));
    }

    [Fact]
    public void File_version_event_payload_is_the_hand_derived_protobuf_bytes()
    {
        // field 1 (wall_time), wire type 1 (fixed64): key 0x09, then 1.0 as little-endian IEEE 754 (0x3FF0000000000000);
        // field 3 (file_version), wire type 2: key 0x1A, length 13, "brain.Event:2". Step 0 is left out (proto3 default).
        byte[] expected = [0x09, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x1A, 13, .. Encoding.ASCII.GetBytes("brain.Event:2")];
        var record = TfRecordFormat.Frame(EventEncoder.Encode(EventRecord.FileVersionEvent(1.0)));
        Assert.Equal(expected, record.AsSpan(12, 24).ToArray());
    }

    [Fact]
    public void File_version_record_equals_the_byte_vector_computed_independently_in_Python()
    {
        // Computed with a separate Python CRC-32C (table from the polynomial) and struct.pack, not with this code;
        // the same bytes are shown in docs/TENSORBOARD.md.
        const string expectedHex =
            "1800000000000000" + "a37f4b22" + "09000000000000f03f" + "1a0d" + "627261696e2e4576656e743a32" + "86bf577a";
        var record = TfRecordFormat.Frame(EventEncoder.Encode(EventRecord.FileVersionEvent(1.0)));
        Assert.Equal(expectedHex, Convert.ToHexStringLower(record));
    }

    [Fact]
    public void Reader_returns_each_record_with_its_offset()
    {
        byte[][] payloads = [[1, 2, 3], [], Enumerable.Range(0, 300).Select(i => (byte)i).ToArray()];
        using var stream = new MemoryStream();
        foreach (var p in payloads)
        {
            TfRecordFormat.Write(stream, p);
        }

        stream.Position = 0;
        var records = new TfRecordReader(stream, "memory").ReadAll().ToList();

        Assert.Equal([0L, 19L, 35L], records.Select(r => r.Offset));
        for (var i = 0; i < payloads.Length; i++)
        {
            Assert.Equal(payloads[i], records[i].Data);
        }
    }
}
