using System.Diagnostics.CodeAnalysis;

namespace Trainer.Torch.Io;

/// <summary>
/// A whole safetensors file in memory: named tensors and the <c>__metadata__</c> string map.
/// <para>Layout: [N: u64 little-endian][N bytes of UTF-8 JSON header, space-padded so N ≡ 0 (mod 8)][data section].
/// Each header entry is <c>name: {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}</c> with offsets
/// relative to the data section; the byte ranges tile the data section exactly. See docs/SAFETENSORS.md.</para>
/// <para>Reading validates every rule and throws <see cref="SafeTensorsFormatException"/>; writing to a path goes
/// through a temp file that is fsynced and renamed, so a crash leaves the previous file intact.</para>
/// </summary>
public sealed class SafeTensorsFile
{
    private readonly Dictionary<string, SafeTensorEntry> _byName;

    /// <summary>Groups entries (names must be unique) and metadata, e.g. before writing.</summary>
    public SafeTensorsFile(
        IEnumerable<SafeTensorEntry> entries, IReadOnlyDictionary<string, string>? metadata = null,
        string source = "<memory>")
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries.ToList();
        _byName = new Dictionary<string, SafeTensorEntry>(StringComparer.Ordinal);
        foreach (var entry in Entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            if (!_byName.TryAdd(entry.Name, entry))
            {
                throw new ArgumentException($"two entries are named '{entry.Name}'; names must be unique", nameof(entries));
            }
        }

        Metadata = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        Source = source;
    }

    /// <summary>The file path the tensors were read from, or a description such as "&lt;memory&gt;".</summary>
    public string Source { get; }

    /// <summary>The tensors; in data-section order when read from a file.</summary>
    public IReadOnlyList<SafeTensorEntry> Entries { get; }

    /// <summary>The <c>__metadata__</c> map (empty if none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensor names, in <see cref="Entries"/> order.</summary>
    public IEnumerable<string> Names => Entries.Select(e => e.Name);

    /// <summary>The tensor named <paramref name="name"/>; KeyNotFoundException listing the names if absent.</summary>
    public SafeTensorEntry this[string name] =>
        _byName.TryGetValue(name, out var entry)
            ? entry
            : throw new KeyNotFoundException(SafeTensorsHeader.MissingTensorMessage(Source, name, _byName.Keys));

    /// <summary>Looks a tensor up by name.</summary>
    public bool TryGetEntry(string name, [MaybeNullWhen(false)] out SafeTensorEntry entry) =>
        _byName.TryGetValue(name, out entry);

    /// <summary>True when a tensor of that name exists.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>Reads and validates a file; each tensor's bytes land in their own array (one copy in memory).</summary>
    public static SafeTensorsFile Read(string path)
    {
        using var reader = SafeTensorsReader.Open(path);
        var entries = reader.Header.Tensors.Select(reader.ReadEntry).ToList();
        return new SafeTensorsFile(entries, reader.Header.Metadata, reader.Header.Source);
    }

    /// <summary>Reads and validates a whole file held in memory; tensor bytes are copied out of it.</summary>
    /// <param name="bytes">The complete file contents.</param>
    /// <param name="source">Names the buffer in error messages.</param>
    public static SafeTensorsFile Read(ReadOnlySpan<byte> bytes, string source = "<memory>")
    {
        var header = ReadHeader(bytes, source);
        var data = bytes[(int)header.DataOffset..];
        var entries = new List<SafeTensorEntry>(header.Tensors.Count);
        foreach (var t in header.Tensors)
        {
            entries.Add(new SafeTensorEntry(t.Name, t.DType, t.Shape, data[(int)t.DataBegin..(int)t.DataEnd].ToArray()));
        }

        return new SafeTensorsFile(entries, header.Metadata, source);
    }

    /// <summary>Reads and validates only the header of a file (the data is not loaded; its length is checked).</summary>
    public static SafeTensorsHeader ReadHeader(string path)
    {
        using var reader = SafeTensorsReader.Open(path);
        return reader.Header;
    }

    /// <summary>Validates the header of a whole file held in memory.</summary>
    public static SafeTensorsHeader ReadHeader(ReadOnlySpan<byte> bytes, string source = "<memory>")
    {
        var headerLength = SafeTensorsHeaderParser.ReadHeaderLength(bytes, bytes.Length, source);
        return SafeTensorsHeaderParser.Parse(bytes.Slice(8, (int)headerLength), bytes.Length - 8 - headerLength, source);
    }

    /// <summary>
    /// Writes atomically: a temp file in the same folder is written, flushed to disk (fsync) and renamed over
    /// <paramref name="path"/>. On any error the temp file is removed and the old file is untouched.
    /// </summary>
    public static void Write(
        string path, IEnumerable<SafeTensorEntry> entries, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafeTensorsWriter.WriteFile(path, entries, metadata);

    /// <summary>Writes the format to <paramref name="stream"/> (which needs no seeking) and leaves it open.</summary>
    public static void Write(
        Stream stream, IEnumerable<SafeTensorEntry> entries, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafeTensorsWriter.Write(stream, entries, metadata);

    /// <summary>Writes this file's entries and metadata to <paramref name="path"/> (atomically, as above).</summary>
    public void Save(string path) => Write(path, Entries, Metadata);

    /// <summary>The file's bytes, as <see cref="Write(Stream, IEnumerable{SafeTensorEntry}, IReadOnlyDictionary{string, string}?)"/> would write them.</summary>
    public static byte[] ToBytes(IEnumerable<SafeTensorEntry> entries, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var stream = new MemoryStream();
        Write(stream, entries, metadata);
        return stream.ToArray();
    }
}
