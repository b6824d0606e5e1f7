using Trainer.Torch.Io;

namespace Trainer.Torch.Tests.Io;

/// <summary>Write then read, through files, streams and memory.</summary>
public sealed class RoundTripTests
{
    [Fact]
    public void Every_dtype_and_the_metadata_survive_a_file_round_trip()
    {
        using var dir = new TempDir();
        var path = dir.File("all.safetensors");

        SafeTensorsFile.Write(path, InteropExpectations.FixedEntries(), InteropExpectations.Metadata);
        var file = SafeTensorsFile.Read(path);

        InteropExpectations.AssertFixed(file);
        Assert.Equal(14, file.Entries.Count);
        Assert.Equal(Path.GetFullPath(path), file.Source);
    }

    [Fact]
    public void Reading_from_memory_gives_the_same_entries_as_reading_the_file()
    {
        using var dir = new TempDir();
        var path = dir.File("all.safetensors");
        SafeTensorsFile.Write(path, InteropExpectations.FixedEntries(), InteropExpectations.Metadata);

        var fromFile = SafeTensorsFile.Read(path);
        var fromMemory = SafeTensorsFile.Read(File.ReadAllBytes(path));

        Assert.Equal(fromFile.Names, fromMemory.Names);
        foreach (var entry in fromFile.Entries)
        {
            Assert.Equal(entry.DType, fromMemory[entry.Name].DType);
            Assert.Equal(entry.Shape, fromMemory[entry.Name].Shape);
            Assert.True(entry.Data.Span.SequenceEqual(fromMemory[entry.Name].Data.Span), entry.Name);
        }
    }

    [Fact]
    public void Writing_to_a_stream_or_a_path_gives_the_same_bytes_whatever_the_entry_order()
    {
        using var dir = new TempDir();
        var path = dir.File("all.safetensors");
        var entries = InteropExpectations.FixedEntries();
        SafeTensorsFile.Write(path, entries, InteropExpectations.Metadata);
        entries.Reverse();
        var reversedMetadata = InteropExpectations.Metadata.Reverse().ToDictionary();

        var bytes = SafeTensorsFile.ToBytes(entries, reversedMetadata);

        Assert.Equal(File.ReadAllBytes(path), bytes);
    }

    [Fact]
    public void A_file_without_tensors_or_metadata_is_an_empty_object_padded_to_8_bytes()
    {
        var bytes = SafeTensorsFile.ToBytes([]);

        Assert.Equal([8, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}', 32, 32, 32, 32, 32, 32], bytes);
        var file = SafeTensorsFile.Read(bytes);
        Assert.Empty(file.Entries);
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void The_streaming_reader_reads_a_tensor_in_chunks_into_a_callers_buffer()
    {
        using var dir = new TempDir();
        var path = dir.File("chunks.safetensors");
        var values = Enumerable.Range(0, 1000).Select(i => (double)i * i).ToArray();
        SafeTensorsFile.Write(path, [SafeTensorEntry.Create("x", values, [10, 100]), SafeTensorEntry.Create("y", [1, 2, 3])]);

        using var reader = SafeTensorsReader.Open(path);
        var info = reader.Header["x"];
        var buffer = new byte[info.ByteLength];
        for (long offset = 0; offset < info.ByteLength; offset += 3000)
        {
            var length = (int)Math.Min(3000, info.ByteLength - offset);
            reader.ReadInto(info, buffer.AsSpan((int)offset, length), offset);
        }

        Assert.Equal(values, new SafeTensorEntry("x", info.DType, info.Shape, buffer).ToDoubleArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadInto(info, new byte[8], info.ByteLength - 4));
        Assert.Equal([1, 2, 3], reader.ReadEntry("y").ToInt32Array());
    }

    [Fact]
    public void Reading_the_header_alone_gives_names_shapes_offsets_and_metadata()
    {
        using var dir = new TempDir();
        var path = dir.File("h.safetensors");
        SafeTensorsFile.Write(path, [SafeTensorEntry.Create("w", new float[6], [2, 3])], new Dictionary<string, string> { ["k"] = "v" });

        var header = SafeTensorsFile.ReadHeader(path);

        var w = Assert.Single(header.Tensors);
        Assert.Equal(("w", SafeTensorDType.F32, 0L, 24L), (w.Name, w.DType, w.DataBegin, w.DataEnd));
        Assert.Equal([2L, 3L], w.Shape);
        Assert.Equal("v", header.Metadata["k"]);
        Assert.Equal(new FileInfo(path).Length, header.DataOffset + header.DataLength);
    }

    [Fact]
    public void Asking_for_a_missing_tensor_names_the_file_and_the_tensors_it_has()
    {
        var file = SafeTensorsFile.Read(SafeTensorsFile.ToBytes([SafeTensorEntry.Create("a", [1f])]), "ckpt");

        var error = Assert.Throws<KeyNotFoundException>(() => file["b"]);

        Assert.Equal("ckpt: no tensor named 'b'; it has: a.", error.Message);
    }
}
