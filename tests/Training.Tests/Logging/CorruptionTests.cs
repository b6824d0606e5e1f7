using Trainer.Training.Logging;

namespace Trainer.Training.Tests.Logging;

public class CorruptionTests
{
    /// <summary>Writes a file-version record (40 bytes) and three scalar events; returns the path.</summary>
    private static string WriteSample(TempDir dir)
    {
        using var writer = new SummaryWriter(dir.Path, new SummaryWriterOptions { Clock = () => 1.0, FlushSeconds = 0 });
        writer.add_scalar("a", 1, 1);
        writer.add_scalar("a", 2, 2);
        writer.add_scalar("a", 3, 3);
        return writer.FilePath;
    }

    private static void FlipByte(string path, long offset)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[offset] ^= 0x40;
        File.WriteAllBytes(path, bytes);
    }

    [Fact]
    public void Intact_file_reads_completely()
    {
        using var dir = new TempDir();
        var path = WriteSample(dir);
        Assert.Equal(4, EventFileReader.ReadAll(path).Count);
    }

    [Fact]
    public void Flipped_data_byte_fails_the_data_crc_naming_file_and_record_offset()
    {
        using var dir = new TempDir();
        var path = WriteSample(dir);
        FlipByte(path, 40 + 12 + 3); // inside the data of the second record, which starts at offset 40

        var error = Assert.Throws<EventFileCorruptException>(() => EventFileReader.ReadAll(path));
        Assert.Equal(40, error.Offset);
        Assert.Equal(path, error.FilePath);
        Assert.Contains("data CRC mismatch", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("offset 40", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flipped_length_byte_fails_the_length_crc()
    {
        using var dir = new TempDir();
        var path = WriteSample(dir);
        FlipByte(path, 40);

        var error = Assert.Throws<EventFileCorruptException>(() => EventFileReader.ReadAll(path));
        Assert.Equal(40, error.Offset);
        Assert.Contains("length CRC mismatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flipped_stored_crc_is_detected()
    {
        using var dir = new TempDir();
        var path = WriteSample(dir);
        FlipByte(path, new FileInfo(path).Length - 1);
        Assert.Throws<EventFileCorruptException>(() => EventFileReader.ReadAll(path));
    }

    [Fact]
    public void Truncated_file_throws_unless_a_truncated_tail_is_tolerated()
    {
        using var dir = new TempDir();
        var path = WriteSample(dir);
        var length = new FileInfo(path).Length;
        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.SetLength(length - 5);
        }

        var error = Assert.Throws<EventFileCorruptException>(() => EventFileReader.ReadAll(path));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);

        var reader = new EventFileReader(path, tolerateTruncatedTail: true);
        Assert.Equal(3, reader.Events().Count());
        Assert.NotNull(reader.TruncatedTailOffset);
    }

    [Fact]
    public void Record_with_valid_crcs_but_garbage_protobuf_is_reported_as_not_an_event()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "events.out.tfevents.0.h.1.0");
        using (var stream = File.Create(path))
        {
            Trainer.Training.Logging.TfRecord.TfRecordFormat.Write(stream, [0x0A, 0x7F, 0x01]); // field 1 length 127, 1 byte
        }

        var error = Assert.Throws<EventFileCorruptException>(() => EventFileReader.ReadAll(path));
        Assert.Contains("not an Event", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.Offset);
    }
}
