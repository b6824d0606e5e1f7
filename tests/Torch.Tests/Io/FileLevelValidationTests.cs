using System.Text;
using Trainer.Torch.Io;

namespace Trainer.Torch.Tests.Io;

/// <summary>Rules about the prefix, the header as a whole and the data section; one corrupt file per rule.</summary>
public sealed class FileLevelValidationTests
{
    private const string Corrupt = "truncated or corrupt";
    private const string Rewrite = "save the tensors again with a conforming writer";

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void A_file_shorter_than_the_8_byte_prefix_is_rejected(int length)
    {
        CorruptFiles.ReadFails(new byte[length], null, $"the file is {length} bytes long, shorter than the 8-byte", Corrupt);
    }

    [Fact]
    public void A_header_length_over_100_MB_is_rejected_as_absurd()
    {
        var bytes = CorruptFiles.Build("{}      "u8.ToArray(), 0, declaredLength: 100_000_001);

        CorruptFiles.ReadFails(bytes, null, "header length in the first 8 bytes is 100000001, over the 100000000-byte limit");
    }

    [Fact]
    public void A_header_length_past_the_end_of_the_file_is_rejected()
    {
        var bytes = CorruptFiles.Build("{}      "u8.ToArray(), 0, declaredLength: 64);

        CorruptFiles.ReadFails(bytes, null, "header length in the first 8 bytes is 64, larger than the 8 bytes that follow");
    }

    [Fact]
    public void A_header_that_is_not_utf8_is_rejected_with_the_offset_of_the_bad_byte()
    {
        byte[] header = [.. "{\"a"u8, 0xFF, .. "\":1}   "u8];

        CorruptFiles.ReadFails(CorruptFiles.Build(header, 0), null, "not valid UTF-8 (first bad byte at header offset 3)");
    }

    [Fact]
    public void A_header_that_is_not_json_is_rejected_with_the_parsers_position()
    {
        var error = CorruptFiles.ReadFails(CorruptFiles.Build("{'a': {'dtype': 'F32',   ", 0), null, "not valid JSON", Corrupt);

        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
    }

    [Theory]
    [InlineData("[1, 2]  ")]
    [InlineData("  {}    ")]
    [InlineData("\"x\"    ")]
    public void A_header_that_is_not_a_json_object_is_rejected(string header)
    {
        CorruptFiles.ReadFails(CorruptFiles.Build(Encoding.UTF8.GetBytes(header), 0), null, "does not start with '{'");
    }

    [Fact]
    public void An_empty_header_is_rejected()
    {
        CorruptFiles.ReadFails(CorruptFiles.Build([], 0), null, "header length is 0");
    }

    [Fact]
    public void Trailing_bytes_after_the_last_tensor_are_rejected()
    {
        var bytes = CorruptFiles.Build("{'a': {'dtype': 'F32', 'shape': [1], 'data_offsets': [0, 4]}}", 7);

        CorruptFiles.ReadFails(bytes, null, "3 trailing bytes after the tensors", "the last tensor 'a' ends at 4", Corrupt);
    }

    [Fact]
    public void Data_after_a_header_without_tensors_is_trailing()
    {
        CorruptFiles.ReadFails(CorruptFiles.Build("{}      ", 8), null, "8 trailing bytes", "the header lists no tensors");
    }

    [Fact]
    public void A_name_that_appears_twice_is_rejected()
    {
        var bytes = CorruptFiles.Build(
            "{'a': {'dtype': 'U8', 'shape': [1], 'data_offsets': [0, 1]}, 'a': {'dtype': 'U8', 'shape': [1], 'data_offsets': [1, 2]}}", 2);

        CorruptFiles.ReadFails(bytes, "a", "appears twice in the header (duplicate key)", Rewrite);
    }

    [Fact]
    public void Metadata_values_that_are_not_strings_are_rejected()
    {
        var bytes = CorruptFiles.Build("{'__metadata__': {'format': 'pt', 'step': 3}}", 0);

        CorruptFiles.ReadFails(bytes, null, "'__metadata__' value for key 'step' is the number 3, not a string",
            "store numbers as strings");
    }

    [Fact]
    public void Metadata_that_is_not_an_object_is_rejected()
    {
        CorruptFiles.ReadFails(CorruptFiles.Build("{'__metadata__': ['pt']}", 0), null,
            "'__metadata__' is an array, but it must be a JSON object mapping strings to strings");
    }

    [Fact]
    public void Metadata_with_a_duplicate_key_is_rejected()
    {
        CorruptFiles.ReadFails(CorruptFiles.Build("{'__metadata__': {'k': 'a', 'k': 'b'}}", 0), null,
            "has the key 'k' twice (duplicate key)");
    }

    [Fact]
    public void A_file_that_shrinks_after_its_header_was_read_is_reported_as_truncated()
    {
        using var dir = new TempDir();
        var path = dir.File("shrinks.safetensors");
        SafeTensorsFile.Write(path, [SafeTensorEntry.Create("w", new float[1000])]);
        using var reader = SafeTensorsReader.Open(path);
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            file.SetLength(reader.Header.DataOffset + 100);
        }

        var error = Assert.Throws<SafeTensorsFormatException>(() => reader.ReadEntry("w"));

        Assert.Equal("w", error.TensorName);
        Assert.Contains("the file ended at byte", error.Message, StringComparison.Ordinal);
    }
}
