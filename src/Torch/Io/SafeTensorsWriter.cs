using System.Buffers;
using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Trainer.Torch.Io;

/// <summary>
/// Serializes entries: [N as u64 little-endian][header JSON padded with spaces to N ≡ 0 (mod 8)][tensor bytes].
/// The header is <c>{"__metadata__": {...}, name: {"dtype", "shape", "data_offsets": [begin, end]}, ...}</c> with
/// offsets relative to the data section. Tensors are laid out by descending alignment, then by name (ordinal),
/// as the reference writer does, so each starts at a multiple of its element size.
/// </summary>
internal static class SafeTensorsWriter
{
    private static readonly JsonWriterOptions s_jsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // non-ASCII names stay readable UTF-8
        Indented = false,
    };

    public static void Write(Stream stream, IEnumerable<SafeTensorEntry> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var ordered = Order(entries);
        var header = BuildHeader(ordered, metadata);
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);
        foreach (var entry in ordered)
        {
            stream.Write(entry.Data.Span);
        }
    }

    /// <summary>Writes to a temp file beside <paramref name="path"/>, fsyncs it, then renames it over the target.</summary>
    public static void WriteFile(string path, IEnumerable<SafeTensorEntry> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var target = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{path}' has no folder", nameof(path));
        var ordered = Order(entries); // validate before touching the disk
        var temp = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Write(file, ordered, metadata);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (IOException)
        {
            // the original error matters more than a leftover temp file
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static List<SafeTensorEntry> Order(IEnumerable<SafeTensorEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in list)
        {
            if (entry is null)
            {
                throw new ArgumentException("the entries contain null", nameof(entries));
            }

            if (!names.Add(entry.Name))
            {
                throw new ArgumentException($"two entries are named '{entry.Name}'; names must be unique", nameof(entries));
            }
        }

        return list.OrderBy(e => e.DType.LayoutRank()).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
    }

    internal static byte[] BuildHeader(IReadOnlyList<SafeTensorEntry> ordered, IReadOnlyDictionary<string, string>? metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, s_jsonOptions))
        {
            json.WriteStartObject();
            WriteMetadata(json, metadata);
            long offset = 0;
            foreach (var entry in ordered)
            {
                json.WriteStartObject(entry.Name);
                json.WriteString("dtype", entry.DType.HeaderName());
                json.WriteStartArray("shape");
                foreach (var dim in entry.ShapeSpan)
                {
                    json.WriteNumberValue(dim);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset += entry.Data.Length;
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        var padded = (buffer.WrittenCount + 7) / 8 * 8;
        var header = new byte[padded];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }

    private static void WriteMetadata(Utf8JsonWriter json, IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null || metadata.Count == 0)
        {
            return;
        }

        json.WriteStartObject("__metadata__");
        foreach (var (key, value) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (value is null)
            {
                throw new ArgumentException($"metadata value for '{key}' is null; values must be strings", nameof(metadata));
            }

            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }
}
