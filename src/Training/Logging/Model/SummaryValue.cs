using System.Text;

namespace Trainer.Training.Logging.Model;

/// <summary>
/// One <c>Summary.Value</c>: a tag, optional plugin metadata, and one of simple_value (2), image (4), histo (5)
/// or tensor (8). TensorBoard keys its plots by (run, tag).
/// </summary>
public sealed record SummaryValue(string Tag)
{
    /// <summary>Plugin metadata (field 9), or null.</summary>
    public SummaryMetadata? Metadata { get; init; }

    /// <summary>Legacy scalar (field 2).</summary>
    public float? SimpleValue { get; init; }

    /// <summary>Encoded image (field 4).</summary>
    public ImageData? Image { get; init; }

    /// <summary>Histogram (field 5).</summary>
    public HistogramData? Histogram { get; init; }

    /// <summary>Tensor (field 8): text, new-style scalars, plugin payloads.</summary>
    public TensorData? Tensor { get; init; }

    /// <summary>The plugin that owns this value, when metadata names one.</summary>
    public string? PluginName => Metadata?.PluginName;

    /// <summary>Which oneof member is set.</summary>
    public SummaryValueKind Kind =>
        SimpleValue is not null ? SummaryValueKind.Scalar
        : Image is not null ? SummaryValueKind.Image
        : Histogram is not null ? SummaryValueKind.Histogram
        : Tensor is not null ? SummaryValueKind.Tensor
        : SummaryValueKind.None;

    /// <summary>
    /// The scalar this value stands for: simple_value, or a rank-0 DT_FLOAT/DT_DOUBLE tensor (new-style scalars).
    /// </summary>
    public double? ScalarValue => SimpleValue ?? Tensor?.ScalarOrNull();

    /// <summary>The first string of a DT_STRING tensor, decoded as UTF-8 (text plugin), or null.</summary>
    public string? Text =>
        Tensor is { Dtype: TensorData.DtString, StringValues.Count: > 0 } t ? Encoding.UTF8.GetString(t.StringValues[0]) : null;
}

/// <summary>Which member of <c>Summary.Value.value</c> is set.</summary>
public enum SummaryValueKind
{
    /// <summary>Nothing set (e.g. hparams plugin values that only carry metadata).</summary>
    None,

    /// <summary>simple_value.</summary>
    Scalar,

    /// <summary>image.</summary>
    Image,

    /// <summary>histo.</summary>
    Histogram,

    /// <summary>tensor.</summary>
    Tensor,
}
