using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trainer.Training.Config;

/// <summary>Small JSON helpers shared by the binder, the override parser and the writer.</summary>
internal static class JsonText
{
    /// <summary>Single-line output, without escaping '+', '&lt;' or non-ASCII (config files are not HTML).</summary>
    public static readonly JsonSerializerOptions Compact = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Config files may hold // and /* */ comments and trailing commas.</summary>
    public static readonly JsonDocumentOptions Lenient = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>A node as one line of JSON, shortened to about 80 characters; <c>null</c> for JSON null.</summary>
    public static string Show(JsonNode? node)
    {
        var text = node is null ? "null" : node.ToJsonString(Compact);
        return text.Length <= 80 ? text : text[..77] + "...";
    }

    /// <summary>The JSON kind of a node (Object, Array, String, Number, True, False, Null).</summary>
    public static JsonValueKind Kind(JsonNode? node) => node is null ? JsonValueKind.Null : node.GetValueKind();

    /// <summary>A scalar node as a <see cref="JsonElement"/>, whatever built it (parser or JsonValue.Create).</summary>
    public static JsonElement Element(JsonNode node) =>
        node is JsonValue value && value.TryGetValue<JsonElement>(out var element)
            ? element
            : JsonSerializer.SerializeToElement(node);

    /// <summary>Parses one JSON value (comments and trailing commas allowed).</summary>
    public static JsonNode? Parse(string json) => JsonNode.Parse(json, documentOptions: Lenient);
}
