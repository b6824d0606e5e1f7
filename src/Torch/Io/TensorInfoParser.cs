using System.Globalization;
using System.Text.Json;

namespace Trainer.Torch.Io;

/// <summary>
/// Validates one tensor entry of the header:
/// <c>{"dtype": "F32", "shape": [d0, d1, ...], "data_offsets": [begin, end]}</c>, with end − begin = numel · size
/// and 0 ≤ begin ≤ end ≤ data section length.
/// </summary>
internal static class TensorInfoParser
{
    private static readonly string[] s_fields = ["dtype", "shape", "data_offsets"];

    public static SafeTensorInfo Parse(string name, JsonElement value, long dataLength, string source)
    {
        if (name.Length == 0)
        {
            throw Fail(source, name, "the tensor name is the empty string; names must be non-empty");
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Fail(source, name,
                $"the entry is {SafeTensorsHeaderParser.Describe(value)}, but it must be an object with "
                + "\"dtype\", \"shape\" and \"data_offsets\"");
        }

        CheckFields(name, value, source);
        var dtype = ParseDType(name, value.GetProperty("dtype"), source);
        var shape = ParseShape(name, value.GetProperty("shape"), source);
        var (begin, end) = ParseOffsets(name, value.GetProperty("data_offsets"), dataLength, source);

        var numel = ShapeMath.TryNumel(shape)
            ?? throw Fail(source, name, $"shape {ShapeMath.Format(shape)} has more elements than a 64-bit count holds");
        var expected = ShapeMath.TryByteLength(numel, dtype.ElementSize());
        if (expected != end - begin)
        {
            throw new SafeTensorsFormatException(source, name,
                $"data_offsets [{begin}, {end}] hold {end - begin} bytes, but shape {ShapeMath.Format(shape)} of "
                + $"{dtype.HeaderName()} needs {numel} elements x {dtype.ElementSize()} bytes = "
                + $"{expected?.ToString(CultureInfo.InvariantCulture) ?? "more than 2^63"} bytes (byte size mismatch)",
                SafeTensorsHeaderParser.WriterRemedy);
        }

        return new SafeTensorInfo(name, dtype, shape, numel, begin, end);
    }

    private static void CheckFields(string name, JsonElement value, string source)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in value.EnumerateObject())
        {
            if (!s_fields.Contains(field.Name))
            {
                throw Fail(source, name,
                    $"unknown field \"{field.Name}\"; an entry has exactly \"dtype\", \"shape\" and \"data_offsets\"");
            }

            if (!present.Add(field.Name))
            {
                throw Fail(source, name, $"the field \"{field.Name}\" appears twice (duplicate key)");
            }
        }

        foreach (var field in s_fields)
        {
            if (!present.Contains(field))
            {
                throw Fail(source, name, $"the field \"{field}\" is missing");
            }
        }
    }

    private static SafeTensorDType ParseDType(string name, JsonElement value, string source)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Fail(source, name, $"dtype is {SafeTensorsHeaderParser.Describe(value)}, not a string such as \"F32\"");
        }

        var text = value.GetString()!;
        if (SafeTensorDTypes.TryParse(text, out var dtype))
        {
            return dtype;
        }

        var why = SafeTensorDTypes.IsKnownUnsupported(text)
            ? $"dtype \"{text}\" is a safetensors dtype that Trainer does not support"
            : $"unknown dtype \"{text}\"";
        throw new SafeTensorsFormatException(source, name,
            $"{why}; supported: {SafeTensorDTypes.SupportedList} (case-sensitive)", SafeTensorsHeaderParser.DTypeRemedy);
    }

    private static long[] ParseShape(string name, JsonElement value, string source)
    {
        const string rule = "shape must be an array of non-negative integers";
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Fail(source, name, $"{rule}, but it is {SafeTensorsHeaderParser.Describe(value)}");
        }

        var shape = new long[value.GetArrayLength()];
        var i = 0;
        foreach (var dim in value.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt64(out var d) || d < 0)
            {
                throw Fail(source, name, $"{rule}, but dimension {i} is {SafeTensorsHeaderParser.Describe(dim)}");
            }

            shape[i++] = d;
        }

        return shape;
    }

    private static (long Begin, long End) ParseOffsets(string name, JsonElement value, long dataLength, string source)
    {
        const string rule = "data_offsets must be [begin, end], two non-negative integers with begin <= end";
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 2)
        {
            throw Fail(source, name, $"{rule}, but it is {SafeTensorsHeaderParser.Describe(value)}"
                + (value.ValueKind == JsonValueKind.Array ? $" of length {value.GetArrayLength()}" : ""));
        }

        var begin = value[0];
        var end = value[1];
        if (!IsNonNegativeInt64(begin, out var b) || !IsNonNegativeInt64(end, out var e))
        {
            throw Fail(source, name, $"{rule}, but it is {begin.GetRawText()}, {end.GetRawText()}");
        }

        if (b > e)
        {
            throw Fail(source, name, $"{rule}, but begin {b} is after end {e}");
        }

        if (e > dataLength)
        {
            throw new SafeTensorsFormatException(source, name,
                $"data_offsets [{b}, {e}] end beyond the data section, which is only {dataLength} bytes long "
                + "(offsets are relative to the byte after the header)", SafeTensorsHeaderParser.CorruptRemedy);
        }

        return (b, e);
    }

    private static bool IsNonNegativeInt64(JsonElement element, out long value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value) && value >= 0;
    }

    private static SafeTensorsFormatException Fail(string source, string name, string problem) =>
        new(source, name, problem, SafeTensorsHeaderParser.WriterRemedy);
}
