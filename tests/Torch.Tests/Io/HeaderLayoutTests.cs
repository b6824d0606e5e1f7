using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Trainer.Torch.Io;

namespace Trainer.Torch.Tests.Io;

/// <summary>The exact bytes we write: prefix, padded header, offsets relative to the data section, layout order.</summary>
public sealed class HeaderLayoutTests
{
    private static readonly byte[] s_bytes = SafeTensorsFile.ToBytes(
        [
            SafeTensorEntry.Create("b.u8", new byte[] { 1, 2, 3 }),
            SafeTensorEntry.Create("a.f32", [1f, 2f]),
            SafeTensorEntry.Create("c.i64", [7L]),
            SafeTensorEntry.Create("a.f64", [0.5]),
            SafeTensorEntry.CreateBFloat16("d.bf16", [1f]),
        ],
        new Dictionary<string, string> { ["z"] = "last", ["a"] = "first" });

    private static long HeaderLength => (long)BinaryPrimitives.ReadUInt64LittleEndian(s_bytes);

    private static string HeaderText => Encoding.UTF8.GetString(s_bytes, 8, (int)HeaderLength);

    [Fact]
    public void The_prefix_is_the_header_length_and_the_header_is_space_padded_to_a_multiple_of_8()
    {
        Assert.Equal(0, HeaderLength % 8);
        Assert.EndsWith("}", HeaderText.TrimEnd(' '), StringComparison.Ordinal);
        Assert.True(HeaderText.Length - HeaderText.TrimEnd(' ').Length < 8);
        Assert.Equal(8 + HeaderLength + 3 + 8 + 8 + 8 + 2, s_bytes.Length);
    }

    [Fact]
    public void Metadata_comes_first_then_tensors_by_descending_alignment_then_name()
    {
        using var json = JsonDocument.Parse(HeaderText);
        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();

        Assert.Equal(["__metadata__", "c.i64", "a.f64", "a.f32", "d.bf16", "b.u8"], keys);
        Assert.Equal(["a", "z"], json.RootElement.GetProperty("__metadata__").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Data_offsets_are_relative_to_the_data_section_and_each_tensor_is_aligned_to_its_element_size()
    {
        using var json = JsonDocument.Parse(HeaderText);
        long[] Offsets(string name) => json.RootElement.GetProperty(name).GetProperty("data_offsets")
            .EnumerateArray().Select(e => e.GetInt64()).ToArray();

        Assert.Equal([0L, 8L], Offsets("c.i64"));
        Assert.Equal([8L, 16L], Offsets("a.f64"));
        Assert.Equal([16L, 24L], Offsets("a.f32"));
        Assert.Equal([24L, 26L], Offsets("d.bf16"));
        Assert.Equal([26L, 29L], Offsets("b.u8"));
        var dataStart = 8 + (int)HeaderLength;
        Assert.Equal(7L, BinaryPrimitives.ReadInt64LittleEndian(s_bytes.AsSpan(dataStart)));
        Assert.Equal(0.5, BinaryPrimitives.ReadDoubleLittleEndian(s_bytes.AsSpan(dataStart + 8)));
        Assert.Equal(0x3F80, BinaryPrimitives.ReadUInt16LittleEndian(s_bytes.AsSpan(dataStart + 24)));
    }

    [Fact]
    public void The_tensor_entry_is_compact_json_with_dtype_shape_and_data_offsets()
    {
        Assert.Contains("\"a.f32\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]}", HeaderText,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Non_ascii_names_and_metadata_are_written_as_plain_utf8()
    {
        var bytes = SafeTensorsFile.ToBytes([SafeTensorEntry.Create("gewicht.ü", [1f])],
            new Dictionary<string, string> { ["note"] = "✓ \"q\"" });
        var header = Encoding.UTF8.GetString(bytes, 8, bytes.Length - 12);

        Assert.Contains("\"gewicht.ü\"", header, StringComparison.Ordinal);
        Assert.Contains("\"note\":\"✓ \\\"q\\\"\"", header, StringComparison.Ordinal);
        Assert.Equal("✓ \"q\"", SafeTensorsFile.Read(bytes).Metadata["note"]);
    }
}
