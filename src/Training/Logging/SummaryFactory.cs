using System.Text;
using Trainer.Training.Logging.Model;
using Trainer.Training.Logging.Png;

namespace Trainer.Training.Logging;

/// <summary>
/// Builds the <see cref="SummaryValue"/>s that PyTorch's <c>torch.utils.tensorboard.summary</c> builds:
/// legacy scalars (simple_value), histograms, PNG images and text-plugin tensors.
/// </summary>
public static class SummaryFactory
{
    /// <summary>Name of TensorBoard's text plugin.</summary>
    public const string TextPluginName = "text";

    /// <summary>Suffix PyTorch appends to text tags.</summary>
    public const string TextTagSuffix = "/text_summary";

    /// <summary>A scalar: Value{tag, simple_value}; stored as float32 as in PyTorch.</summary>
    public static SummaryValue Scalar(string tag, double value) => new(tag) { SimpleValue = (float)value };

    /// <summary>A histogram value.</summary>
    public static SummaryValue Histogram(string tag, HistogramData histogram) => new(tag) { Histogram = histogram };

    /// <summary>
    /// Text for the text plugin (rendered as markdown): tag + "/text_summary", metadata plugin "text" with
    /// TextPluginData{version=0} (empty bytes), tensor DT_STRING of shape [1] holding the UTF-8 text.
    /// </summary>
    public static SummaryValue Text(string tag, string text) => new(tag + TextTagSuffix)
    {
        Metadata = new SummaryMetadata(TextPluginName, []),
        Tensor = new TensorData(TensorData.DtString, [1]) { StringValues = [Encoding.UTF8.GetBytes(text)] },
    };

    /// <summary>
    /// An image from 8-bit pixels in HWC order (channels 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA), PNG-encoded;
    /// colorspace = channels as in PyTorch.
    /// </summary>
    public static SummaryValue Image(string tag, ReadOnlySpan<byte> hwc, int height, int width, int channels)
    {
        var png = PngEncoder.Encode(hwc, width, height, channels);
        return new SummaryValue(tag) { Image = new ImageData(height, width, channels, png) };
    }

    /// <summary>
    /// Float pixels in [0, 1] laid out as <paramref name="dataFormats"/> ("CHW", "HWC" or "HW"), converted as
    /// PyTorch does: byte = trunc(clip(255·x, 0, 255)).
    /// </summary>
    public static SummaryValue Image(string tag, ReadOnlySpan<float> values, int height, int width, int channels, string dataFormats)
    {
        var hwc = ToHwcBytes(values, height, width, channels, dataFormats);
        return Image(tag, hwc, height, width, channels);
    }

    /// <summary>Converts float pixels to HWC bytes (see <see cref="Image(string, ReadOnlySpan{float}, int, int, int, string)"/>).</summary>
    public static byte[] ToHwcBytes(ReadOnlySpan<float> values, int height, int width, int channels, string dataFormats)
    {
        var expected = height * width * channels;
        if (values.Length != expected)
        {
            throw new ArgumentException($"image has {values.Length} values, expected {height}x{width}x{channels} = {expected}");
        }

        var hwc = new byte[expected];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < channels; c++)
                {
                    var source = dataFormats switch
                    {
                        "CHW" => (((c * height) + y) * width) + x,
                        "HWC" or "HW" => (((y * width) + x) * channels) + c,
                        _ => throw new ArgumentException($"dataformats '{dataFormats}' is not supported; use CHW, HWC or HW"),
                    };
                    var scaled = values[source] * 255f;
                    hwc[(((y * width) + x) * channels) + c] = (byte)(float.IsNaN(scaled) ? 0 : Math.Clamp(scaled, 0f, 255f));
                }
            }
        }

        return hwc;
    }
}
