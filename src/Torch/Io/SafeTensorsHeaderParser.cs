using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Unicode;

namespace Trainer.Torch.Io;

/// <summary>
/// Strict validation of the 8-byte prefix and the JSON header. Every rule failure throws
/// <see cref="SafeTensorsFormatException"/> naming the file, the tensor and what to do.
/// </summary>
internal static class SafeTensorsHeaderParser
{
    /// <summary>Largest accepted header, as in the reference implementation (100 MB).</summary>
    public const long MaxHeaderLength = 100_000_000;

    internal const string CorruptRemedy =
        "The file is truncated or corrupt: write it again from its source, or restore a good copy";

    internal const string WriterRemedy =
        "The writer broke the safetensors format: save the tensors again with a conforming writer "
        + "(Trainer's SafeTensorsFile.Write, or save_file from the safetensors package)";

    private const string MetadataKey = "__metadata__";

    internal static string DTypeRemedy =>
        $"Convert the tensor to one of {SafeTensorDTypes.SupportedList} before saving "
        + "(e.g. tensor.to(torch.float32) in PyTorch)";

    /// <summary>Reads N from the first 8 bytes and checks it against the total length and the 100 MB limit.</summary>
    public static long ReadHeaderLength(ReadOnlySpan<byte> prefix, long totalLength, string source)
    {
        if (totalLength < 8 || prefix.Length < 8)
        {
            throw new SafeTensorsFormatException(source, null,
                $"the file is {totalLength} bytes long, shorter than the 8-byte header-length prefix "
                + "every safetensors file starts with", CorruptRemedy);
        }

        var n = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (n > MaxHeaderLength)
        {
            throw new SafeTensorsFormatException(source, null,
                $"the header length in the first 8 bytes is {n}, over the {MaxHeaderLength:D}-byte limit; "
                + "this is not a safetensors file, or its start is damaged", CorruptRemedy);
        }

        if (n > (ulong)(totalLength - 8))
        {
            throw new SafeTensorsFormatException(source, null,
                $"the header length in the first 8 bytes is {n}, larger than the {totalLength - 8} bytes that "
                + "follow the prefix", CorruptRemedy);
        }

        return (long)n;
    }

    /// <summary>Parses and validates the JSON header against a data section of <paramref name="dataLength"/> bytes.</summary>
    public static SafeTensorsHeader Parse(ReadOnlySpan<byte> headerBytes, long dataLength, string source)
    {
        using var document = ParseJson(headerBytes, source);
        var tensors = new List<SafeTensorInfo>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw new SafeTensorsFormatException(source, property.Name,
                    "the name appears twice in the header (duplicate key); a reader cannot tell which entry is "
                    + "meant", WriterRemedy);
            }

            if (property.Name == MetadataKey)
            {
                ReadMetadata(property.Value, metadata, source);
            }
            else
            {
                tensors.Add(TensorInfoParser.Parse(property.Name, property.Value, dataLength, source));
            }
        }

        var ordered = tensors.OrderBy(t => t.DataBegin).ThenBy(t => t.DataEnd).ToList();
        CheckTiling(ordered, dataLength, source);
        return new SafeTensorsHeader(source, headerBytes.Length, dataLength, ordered, metadata);
    }

    private static JsonDocument ParseJson(ReadOnlySpan<byte> headerBytes, string source)
    {
        if (headerBytes.Length == 0)
        {
            throw new SafeTensorsFormatException(source, null,
                "the header length is 0, but the header must be a JSON object (at least \"{}\")", CorruptRemedy);
        }

        if (!Utf8.IsValid(headerBytes))
        {
            throw new SafeTensorsFormatException(source, null,
                $"the header is not valid UTF-8 (first bad byte at header offset {FirstInvalidUtf8(headerBytes)})",
                CorruptRemedy);
        }

        if (headerBytes[0] != (byte)'{')
        {
            throw new SafeTensorsFormatException(source, null,
                $"the header does not start with '{{' (first byte 0x{headerBytes[0]:X2}); it must be a JSON object",
                CorruptRemedy);
        }

        try
        {
            return JsonDocument.Parse(headerBytes.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new SafeTensorsFormatException(source, null,
                $"the header is not valid JSON: {ex.Message.TrimEnd('.')}", CorruptRemedy, ex);
        }
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        Utf8.ToUtf16(bytes, chars, out var bytesRead, out _, replaceInvalidSequences: false);
        return bytesRead;
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string source)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new SafeTensorsFormatException(source, null,
                $"'{MetadataKey}' is {Describe(value)}, but it must be a JSON object mapping strings to strings",
                WriterRemedy);
        }

        foreach (var entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                throw new SafeTensorsFormatException(source, null,
                    $"'{MetadataKey}' value for key '{entry.Name}' is {Describe(entry.Value)}, not a string; "
                    + "the format allows only string values", WriterRemedy + " and store numbers as strings");
            }

            if (!metadata.TryAdd(entry.Name, entry.Value.GetString()!))
            {
                throw new SafeTensorsFormatException(source, null,
                    $"'{MetadataKey}' has the key '{entry.Name}' twice (duplicate key)", WriterRemedy);
            }
        }
    }

    /// <summary>Sorted by begin, the byte ranges must be [0, e1), [e1, e2), ..., [ek−1, DataLength).</summary>
    private static void CheckTiling(List<SafeTensorInfo> ordered, long dataLength, string source)
    {
        long expected = 0;
        SafeTensorInfo? previous = null;
        foreach (var tensor in ordered)
        {
            if (tensor.DataBegin > expected)
            {
                var after = previous is null ? "the start of the data section" : $"tensor '{previous.Name}'";
                throw new SafeTensorsFormatException(source, tensor.Name,
                    $"data_offsets [{tensor.DataBegin}, {tensor.DataEnd}] leave a gap: bytes [{expected}, "
                    + $"{tensor.DataBegin}) after {after} belong to no tensor; the tensors must tile the data "
                    + "section exactly", WriterRemedy);
            }

            if (tensor.DataBegin < expected)
            {
                throw new SafeTensorsFormatException(source, tensor.Name,
                    $"data_offsets [{tensor.DataBegin}, {tensor.DataEnd}] overlap tensor '{previous!.Name}' at "
                    + $"[{previous.DataBegin}, {previous.DataEnd}]; the tensors must tile the data section exactly",
                    WriterRemedy);
            }

            expected = tensor.DataEnd;
            previous = tensor;
        }

        if (expected != dataLength)
        {
            var last = previous is null ? "the header lists no tensors" : $"the last tensor '{previous.Name}' ends at {expected}";
            throw new SafeTensorsFormatException(source, null,
                $"{dataLength - expected} trailing bytes after the tensors: the data section is {dataLength} bytes "
                + $"but {last}", CorruptRemedy);
        }
    }

    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Null => "null",
        _ => value.ValueKind.ToString(),
    };
}
