using Google.Protobuf;
using Trainer.Training.Logging.Model;

namespace Trainer.Training.Logging.Proto;

/// <summary>
/// Decodes the protobuf bytes of a tensorflow <c>Event</c> into an <see cref="EventRecord"/> (the inverse of
/// <see cref="EventEncoder"/>); fields it does not model (graph_def, session_log, audio...) are skipped.
/// Throws <see cref="InvalidProtocolBufferException"/> or <see cref="InvalidDataException"/> on malformed bytes.
/// </summary>
public static class EventDecoder
{
    /// <summary>Decodes one Event message.</summary>
    public static EventRecord Decode(byte[] eventBytes)
    {
        double wallTime = 0;
        long step = 0;
        string? fileVersion = null;
        var values = new List<SummaryValue>();
        var hasSummary = false;
        ProtoIn.ForEachField(eventBytes, (field, wire, input) =>
        {
            switch (field, wire)
            {
                case (1, WireFormat.WireType.Fixed64): wallTime = input.ReadDouble(); break;
                case (2, WireFormat.WireType.Varint): step = input.ReadInt64(); break;
                case (3, WireFormat.WireType.LengthDelimited): fileVersion = input.ReadString(); break;
                case (5, WireFormat.WireType.LengthDelimited):
                    hasSummary = true;
                    values.AddRange(DecodeSummary(input.ReadBytes().ToByteArray()));
                    break;
                default: input.SkipLastField(); break;
            }
        });
        return new EventRecord(wallTime, step, hasSummary ? null : fileVersion, values);
    }

    /// <summary>Decodes Summary{repeated Value value = 1}.</summary>
    public static List<SummaryValue> DecodeSummary(byte[] summaryBytes)
    {
        var values = new List<SummaryValue>();
        ProtoIn.ForEachField(summaryBytes, (field, wire, input) =>
        {
            if (field == 1 && wire == WireFormat.WireType.LengthDelimited)
            {
                values.Add(DecodeValue(input.ReadBytes().ToByteArray()));
            }
            else
            {
                input.SkipLastField();
            }
        });
        return values;
    }

    /// <summary>Decodes Summary.Value.</summary>
    public static SummaryValue DecodeValue(byte[] valueBytes)
    {
        var value = new SummaryValue("");
        ProtoIn.ForEachField(valueBytes, (field, wire, input) =>
        {
            value = (field, wire) switch
            {
                (1, WireFormat.WireType.LengthDelimited) => value with { Tag = input.ReadString() },
                (2, WireFormat.WireType.Fixed32) => value with { SimpleValue = input.ReadFloat() },
                (4, WireFormat.WireType.LengthDelimited) => value with { Image = DecodeImage(Bytes(input)) },
                (5, WireFormat.WireType.LengthDelimited) => value with { Histogram = DecodeHistogram(Bytes(input)) },
                (8, WireFormat.WireType.LengthDelimited) => value with { Tensor = DecodeTensor(Bytes(input)) },
                (9, WireFormat.WireType.LengthDelimited) => value with { Metadata = DecodeMetadata(Bytes(input)) },
                _ => Skip(input, value),
            };
        });
        return value;
    }

    /// <summary>Decodes Summary.Image.</summary>
    public static ImageData DecodeImage(byte[] bytes)
    {
        var image = new ImageData(0, 0, 0, []);
        ProtoIn.ForEachField(bytes, (field, wire, input) =>
        {
            image = (field, wire) switch
            {
                (1, WireFormat.WireType.Varint) => image with { Height = input.ReadInt32() },
                (2, WireFormat.WireType.Varint) => image with { Width = input.ReadInt32() },
                (3, WireFormat.WireType.Varint) => image with { Colorspace = input.ReadInt32() },
                (4, WireFormat.WireType.LengthDelimited) => image with { EncodedImage = Bytes(input) },
                _ => Skip(input, image),
            };
        });
        return image;
    }

    /// <summary>Decodes HistogramProto (bucket_limit and bucket accepted packed or unpacked).</summary>
    public static HistogramData DecodeHistogram(byte[] bytes)
    {
        double min = 0, max = 0, num = 0, sum = 0, sumSquares = 0;
        var limits = new List<double>();
        var counts = new List<double>();
        ProtoIn.ForEachField(bytes, (field, wire, input) =>
        {
            switch (field)
            {
                case 1 when wire == WireFormat.WireType.Fixed64: min = input.ReadDouble(); break;
                case 2 when wire == WireFormat.WireType.Fixed64: max = input.ReadDouble(); break;
                case 3 when wire == WireFormat.WireType.Fixed64: num = input.ReadDouble(); break;
                case 4 when wire == WireFormat.WireType.Fixed64: sum = input.ReadDouble(); break;
                case 5 when wire == WireFormat.WireType.Fixed64: sumSquares = input.ReadDouble(); break;
                case 6: ProtoIn.Doubles(input, wire, limits); break;
                case 7: ProtoIn.Doubles(input, wire, counts); break;
                default: input.SkipLastField(); break;
            }
        });
        return new HistogramData(min, max, num, sum, sumSquares, [.. limits], [.. counts]);
    }

    /// <summary>Decodes the TensorProto fields that summaries use.</summary>
    public static TensorData DecodeTensor(byte[] bytes)
    {
        var dtype = 0;
        var shape = new List<long>();
        var strings = new List<byte[]>();
        var floats = new List<float>();
        var doubles = new List<double>();
        byte[] content = [];
        ProtoIn.ForEachField(bytes, (field, wire, input) =>
        {
            switch (field)
            {
                case 1 when wire == WireFormat.WireType.Varint: dtype = input.ReadInt32(); break;
                case 2 when wire == WireFormat.WireType.LengthDelimited: shape.AddRange(DecodeShape(Bytes(input))); break;
                case 4 when wire == WireFormat.WireType.LengthDelimited: content = Bytes(input); break;
                case 5: ProtoIn.Floats(input, wire, floats); break;
                case 6: ProtoIn.Doubles(input, wire, doubles); break;
                case 8 when wire == WireFormat.WireType.LengthDelimited: strings.Add(Bytes(input)); break;
                default: input.SkipLastField(); break;
            }
        });
        return new TensorData(dtype, [.. shape])
        {
            StringValues = strings,
            FloatValues = [.. floats],
            DoubleValues = [.. doubles],
            TensorContent = content,
        };
    }

    /// <summary>Decodes SummaryMetadata.</summary>
    public static SummaryMetadata DecodeMetadata(byte[] bytes)
    {
        var metadata = new SummaryMetadata("", []);
        ProtoIn.ForEachField(bytes, (field, wire, input) =>
        {
            metadata = (field, wire) switch
            {
                (1, WireFormat.WireType.LengthDelimited) => DecodePluginData(Bytes(input), metadata),
                (2, WireFormat.WireType.LengthDelimited) => metadata with { DisplayName = input.ReadString() },
                (3, WireFormat.WireType.LengthDelimited) => metadata with { Description = input.ReadString() },
                (4, WireFormat.WireType.Varint) => metadata with { DataClass = input.ReadEnum() },
                _ => Skip(input, metadata),
            };
        });
        return metadata;
    }

    private static SummaryMetadata DecodePluginData(byte[] bytes, SummaryMetadata metadata)
    {
        ProtoIn.ForEachField(bytes, (field, wire, input) =>
        {
            metadata = (field, wire) switch
            {
                (1, WireFormat.WireType.LengthDelimited) => metadata with { PluginName = input.ReadString() },
                (2, WireFormat.WireType.LengthDelimited) => metadata with { PluginContent = Bytes(input) },
                _ => Skip(input, metadata),
            };
        });
        return metadata;
    }

    private static List<long> DecodeShape(byte[] bytes)
    {
        var sizes = new List<long>();
        ProtoIn.ForEachField(bytes, (field, wire, input) =>
        {
            if (field == 2 && wire == WireFormat.WireType.LengthDelimited)
            {
                long size = 0;
                ProtoIn.ForEachField(Bytes(input), (f, w, dim) =>
                {
                    if (f == 1 && w == WireFormat.WireType.Varint)
                    {
                        size = dim.ReadInt64();
                    }
                    else
                    {
                        dim.SkipLastField();
                    }
                });
                sizes.Add(size);
            }
            else
            {
                input.SkipLastField();
            }
        });
        return sizes;
    }

    private static byte[] Bytes(CodedInputStream input) => input.ReadBytes().ToByteArray();

    private static T Skip<T>(CodedInputStream input, T unchanged)
    {
        input.SkipLastField();
        return unchanged;
    }
}
