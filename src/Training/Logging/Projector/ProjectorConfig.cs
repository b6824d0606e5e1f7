using System.Globalization;
using System.Text;

namespace Trainer.Training.Logging.Projector;

/// <summary>One <c>EmbeddingInfo</c> of projector_config.pbtxt (paths relative to the log folder).</summary>
public sealed record EmbeddingEntry(
    string TensorName,
    string TensorPath,
    string? MetadataPath,
    string? SpritePath,
    int SpriteWidth,
    int SpriteHeight);

/// <summary>
/// projector_config.pbtxt in protobuf text format: <c>embeddings { tensor_name, metadata_path, sprite
/// { image_path, single_image_dim (W), single_image_dim (H) }, tensor_path }</c>, fields in field-number order
/// (1, 2, 5, 8) like Python's text_format.
/// </summary>
public static class ProjectorConfig
{
    /// <summary>The text of the config listing <paramref name="entries"/>.</summary>
    public static string Format(IEnumerable<EmbeddingEntry> entries)
    {
        var text = new StringBuilder();
        foreach (var e in entries)
        {
            text.Append("embeddings {\n");
            text.Append("  tensor_name: ").Append(Quote(e.TensorName)).Append('\n');
            if (e.MetadataPath is not null)
            {
                text.Append("  metadata_path: ").Append(Quote(e.MetadataPath)).Append('\n');
            }

            if (e.SpritePath is not null)
            {
                text.Append("  sprite {\n");
                text.Append("    image_path: ").Append(Quote(e.SpritePath)).Append('\n');
                text.Append("    single_image_dim: ").Append(e.SpriteWidth.ToString(CultureInfo.InvariantCulture)).Append('\n');
                text.Append("    single_image_dim: ").Append(e.SpriteHeight.ToString(CultureInfo.InvariantCulture)).Append('\n');
                text.Append("  }\n");
            }

            text.Append("  tensor_path: ").Append(Quote(e.TensorPath)).Append('\n');
            text.Append("}\n");
        }

        return text.ToString();
    }

    /// <summary>A text-format string literal: quotes, backslashes and control characters escaped; UTF-8 bytes ≥ 0x80 as octal.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            switch (b)
            {
                case (byte)'"': text.Append("\\\""); break;
                case (byte)'\\': text.Append("\\\\"); break;
                case (byte)'\n': text.Append("\\n"); break;
                case (byte)'\r': text.Append("\\r"); break;
                case (byte)'\t': text.Append("\\t"); break;
                case < 0x20 or >= 0x7F:
                    text.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
                    break;
                default: text.Append((char)b); break;
            }
        }

        return text.Append('"').ToString();
    }
}
