using Google.Protobuf;
using Trainer.Training.Logging.Model;

namespace Trainer.Training.Logging.Proto;

/// <summary>
/// Encodes <see cref="EventRecord"/> as the protobuf wire bytes of tensorflow's <c>Event</c>, field numbers from
/// event.proto, summary.proto, histogram.proto and tensor.proto (see the model types for each number).
/// </summary>
public static class EventEncoder
{
    /// <summary>Event{wall_time=1, step=2, file_version=3 | summary=5}.</summary>
    public static byte[] Encode(EventRecord e) => ProtoOut.Build(o =>
    {
        ProtoOut.Double(o, 1, e.WallTime);
        ProtoOut.Int64(o, 2, e.Step);
        if (e.FileVersion is not null)
        {
            ProtoOut.String(o, 3, e.FileVersion, always: true);
        }
        else
        {
            ProtoOut.Bytes(o, 5, EncodeSummary(e.Values));
        }
    });

    /// <summary>Summary{repeated Value value = 1}.</summary>
    public static byte[] EncodeSummary(IReadOnlyList<SummaryValue> values) => ProtoOut.Build(o =>
    {
        foreach (var v in values)
        {
            ProtoOut.Bytes(o, 1, EncodeValue(v));
        }
    });

    /// <summary>Summary.Value{tag=1, simple_value=2, image=4, histo=5, tensor=8, metadata=9}.</summary>
    public static byte[] EncodeValue(SummaryValue v) => ProtoOut.Build(o =>
    {
        ProtoOut.String(o, 1, v.Tag);
        if (v.SimpleValue is { } simple)
        {
            ProtoOut.Float(o, 2, simple, always: true);
        }

        if (v.Image is { } image)
        {
            ProtoOut.Bytes(o, 4, EncodeImage(image));
        }

        if (v.Histogram is { } histogram)
        {
            ProtoOut.Bytes(o, 5, EncodeHistogram(histogram));
        }

        if (v.Tensor is { } tensor)
        {
            ProtoOut.Bytes(o, 8, EncodeTensor(tensor));
        }

        if (v.Metadata is { } metadata)
        {
            ProtoOut.Bytes(o, 9, EncodeMetadata(metadata));
        }
    });

    /// <summary>Summary.Image{height=1, width=2, colorspace=3, encoded_image_string=4}.</summary>
    public static byte[] EncodeImage(ImageData image) => ProtoOut.Build(o =>
    {
        ProtoOut.Int32(o, 1, image.Height);
        ProtoOut.Int32(o, 2, image.Width);
        ProtoOut.Int32(o, 3, image.Colorspace);
        ProtoOut.BytesIfAny(o, 4, image.EncodedImage);
    });

    /// <summary>HistogramProto{min=1, max=2, num=3, sum=4, sum_squares=5, bucket_limit=6, bucket=7}.</summary>
    public static byte[] EncodeHistogram(HistogramData h) => ProtoOut.Build(o =>
    {
        ProtoOut.Double(o, 1, h.Min);
        ProtoOut.Double(o, 2, h.Max);
        ProtoOut.Double(o, 3, h.Num);
        ProtoOut.Double(o, 4, h.Sum);
        ProtoOut.Double(o, 5, h.SumSquares);
        ProtoOut.PackedDoubles(o, 6, h.BucketLimits);
        ProtoOut.PackedDoubles(o, 7, h.BucketCounts);
    });

    /// <summary>
    /// TensorProto{dtype=1, tensor_shape=2, tensor_content=4, float_val=5, double_val=6, string_val=8};
    /// TensorShapeProto{repeated Dim dim=2}, Dim{size=1}.
    /// </summary>
    public static byte[] EncodeTensor(TensorData t) => ProtoOut.Build(o =>
    {
        ProtoOut.Int32(o, 1, t.Dtype);
        ProtoOut.Bytes(o, 2, EncodeShape(t.Shape));
        ProtoOut.BytesIfAny(o, 4, t.TensorContent);
        ProtoOut.PackedFloats(o, 5, t.FloatValues);
        ProtoOut.PackedDoubles(o, 6, t.DoubleValues);
        foreach (var s in t.StringValues)
        {
            ProtoOut.Bytes(o, 8, s);
        }
    });

    /// <summary>SummaryMetadata{plugin_data=1{plugin_name=1, content=2}, display_name=2, summary_description=3, data_class=4}.</summary>
    public static byte[] EncodeMetadata(SummaryMetadata m) => ProtoOut.Build(o =>
    {
        var pluginData = ProtoOut.Build(p =>
        {
            ProtoOut.String(p, 1, m.PluginName);
            ProtoOut.BytesIfAny(p, 2, m.PluginContent);
        });
        ProtoOut.Bytes(o, 1, pluginData);
        ProtoOut.String(o, 2, m.DisplayName);
        ProtoOut.String(o, 3, m.Description);
        ProtoOut.Int32(o, 4, m.DataClass);
    });

    private static byte[] EncodeShape(long[] shape) => ProtoOut.Build(o =>
    {
        foreach (var size in shape)
        {
            ProtoOut.Bytes(o, 2, ProtoOut.Build(d => ProtoOut.Int64(d, 1, size)));
        }
    });
}
