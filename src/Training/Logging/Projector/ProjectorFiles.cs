using System.Globalization;
using System.Text;
using Trainer.Training.Logging.Png;

namespace Trainer.Training.Logging.Projector;

/// <summary>
/// The embedding projector's files, laid out as PyTorch's <c>add_embedding</c> does under a log folder:
/// <c>&lt;step:D5&gt;/&lt;encoded tag&gt;/tensors.tsv</c> (one row per point, tab-separated),
/// <c>metadata.tsv</c> (one label per line, or a header line then rows when there are several columns),
/// <c>sprite.png</c> (thumbnails on a ⌈√N⌉×⌈√N⌉ grid), and <c>projector_config.pbtxt</c> listing every embedding.
/// </summary>
public static class ProjectorFiles
{
    /// <summary>Name of the config file at the top of the log folder.</summary>
    public const string ConfigFileName = "projector_config.pbtxt";

    /// <summary>PyTorch's tag encoding for folder names: '%' → "%25", '/' → "%2f", '\' → "%5c".</summary>
    public static string EncodeTag(string tag) =>
        tag.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("/", "%2f", StringComparison.Ordinal)
            .Replace("\\", "%5c", StringComparison.Ordinal);

    /// <summary>Sub-folder, relative to the log folder, for (step, tag), with '/' separators.</summary>
    public static string SubDir(long step, string tag) =>
        $"{step.ToString("D5", CultureInfo.InvariantCulture)}/{EncodeTag(tag)}";

    /// <summary>Writes tensors.tsv for a row-major N×D matrix.</summary>
    public static void WriteTensors(string path, ReadOnlySpan<float> matrix, int rows, int cols)
    {
        if (matrix.Length != rows * cols)
        {
            throw new ArgumentException($"embedding has {matrix.Length} values, expected {rows}x{cols} = {rows * cols}");
        }

        var text = new StringBuilder();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                text.Append(c == 0 ? "" : "\t").Append(matrix[(r * cols) + c].ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
    }

    /// <summary>Writes metadata.tsv: one label per line (single column, no header).</summary>
    public static void WriteMetadata(string path, IReadOnlyList<string> labels)
    {
        var text = new StringBuilder();
        foreach (var label in labels)
        {
            text.Append(Clean(label)).Append('\n');
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
    }

    /// <summary>Writes metadata.tsv with a header line, then one tab-separated row per point.</summary>
    public static void WriteMetadata(string path, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<string> header)
    {
        var text = new StringBuilder();
        text.AppendJoin('\t', header.Select(Clean)).Append('\n');
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Count != header.Count)
            {
                throw new ArgumentException($"metadata row {i} has {rows[i].Count} columns, the header has {header.Count}");
            }

            text.AppendJoin('\t', rows[i].Select(Clean)).Append('\n');
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
    }

    /// <summary>Writes sprite.png: image i at grid cell (i / n, i % n), n = ⌈√N⌉, unused cells black.</summary>
    public static void WriteSprite(string path, LabelImages images)
    {
        images.Validate();
        var n = (int)Math.Ceiling(Math.Sqrt(images.Count));
        var width = n * images.Width;
        var height = n * images.Height;
        var c = images.Channels;
        var sprite = new byte[width * height * c];
        var imageSize = images.Height * images.Width * c;
        for (var i = 0; i < images.Count; i++)
        {
            var top = i / n * images.Height;
            var left = i % n * images.Width;
            for (var y = 0; y < images.Height; y++)
            {
                var source = images.Pixels.AsSpan((i * imageSize) + (y * images.Width * c), images.Width * c);
                source.CopyTo(sprite.AsSpan((((top + y) * width) + left) * c));
            }
        }

        File.WriteAllBytes(path, PngEncoder.Encode(sprite, width, height, c));
    }

    /// <summary>Tabs and line breaks inside a label would break the TSV; they become spaces.</summary>
    private static string Clean(string field) =>
        field.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
}
