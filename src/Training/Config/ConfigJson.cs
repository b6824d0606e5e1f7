using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Trainer.Training.Config;

/// <summary>
/// Writes a resolved config back to JSON in the file convention: snake_case keys, enums by name, every key present
/// (defaults included) so <c>config.json</c> in a run folder is complete and readable without the code. Reading the
/// output with <see cref="ConfigLoader"/> gives the same config back.
/// </summary>
public static class ConfigJson
{
    /// <summary>
    /// Indented JSON text with a final newline; arrays of plain values stay on one line (<c>[64, 32]</c>), and so do
    /// flat objects inside arrays (<c>{"step": 200, "val/loss": 2.1}</c>).
    /// </summary>
    public static string Serialize(object config) => Write(ToNode(config)) + "\n";

    /// <summary>A JSON node as indented text in the same style as <see cref="Serialize"/>.</summary>
    public static string Write(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(node, text, 0);
        return text.ToString();
    }

    private static void Write(JsonNode? node, StringBuilder text, int depth)
    {
        var inner = new string(' ', 2 * (depth + 1));
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                text.Append("{\n");
                var first = true;
                foreach (var (key, child) in obj)
                {
                    text.Append(first ? "" : ",\n").Append(inner).Append(JsonValue.Create(key).ToJsonString(JsonText.Compact))
                        .Append(": ");
                    Write(child, text, depth + 1);
                    first = false;
                }
                text.Append('\n').Append(' ', 2 * depth).Append('}');
                break;
            case JsonArray array when array.Any(e => e is JsonObject or JsonArray):
                text.Append("[\n");
                for (var i = 0; i < array.Count; i++)
                {
                    text.Append(i == 0 ? "" : ",\n").Append(inner);
                    if (array[i] is JsonObject flat && flat.All(p => p.Value is not (JsonObject or JsonArray)))
                    {
                        WriteInline(flat, text); // one record per line: {"step": 200, "val/loss": 2.1}
                    }
                    else
                    {
                        Write(array[i], text, depth + 1);
                    }
                }
                text.Append('\n').Append(' ', 2 * depth).Append(']');
                break;
            case JsonArray array:
                text.Append('[').AppendJoin(", ", array.Select(e => e is null ? "null" : e.ToJsonString(JsonText.Compact)))
                    .Append(']');
                break;
            default:
                text.Append(node is null ? "null" : node.ToJsonString(JsonText.Compact));
                break;
        }
    }

    private static void WriteInline(JsonObject obj, StringBuilder text)
    {
        text.Append('{').AppendJoin(", ", obj.Select(p => JsonValue.Create(p.Key).ToJsonString(JsonText.Compact) + ": "
            + (p.Value is null ? "null" : p.Value.ToJsonString(JsonText.Compact)))).Append('}');
    }

    /// <summary>
    /// A value as a JSON node: records become objects (keys in declaration order), lists arrays, maps objects, enums
    /// their names; NaN and infinities become the strings "NaN", "Infinity", "-Infinity" (plain JSON has no such
    /// numbers; the loader reads them back).
    /// </summary>
    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        float f => float.IsFinite(f) ? JsonValue.Create(f) : Real(f),
        double d => Real(d),
        string s => JsonValue.Create(s),
        Enum e => JsonValue.Create(KeyNames.EnumName(e.GetType(), e)),
        IDictionary map => Map(map),
        IEnumerable list => new JsonArray(list.Cast<object?>().Select(ToNode).ToArray()),
        _ => Record(value),
    };

    /// <summary>
    /// Dotted keys to plain values (bool, long, double, string, or null), for TensorBoard hparams and tables:
    /// <c>model.n_layer</c> -> 4. Lists are written as one JSON string, e.g. <c>"[1,2]"</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> Flatten(object config)
    {
        var flat = new Dictionary<string, object?>(StringComparer.Ordinal);
        Flatten(config, "", flat);
        return flat;
    }

    private static void Flatten(object? value, string path, Dictionary<string, object?> flat)
    {
        switch (value)
        {
            case null or bool or long or double or string:
                flat[path] = value;
                break;
            case int i:
                flat[path] = (long)i;
                break;
            case float f:
                flat[path] = (double)f;
                break;
            case Enum e:
                flat[path] = KeyNames.EnumName(e.GetType(), e);
                break;
            case IDictionary map:
                foreach (DictionaryEntry entry in map)
                {
                    Flatten(entry.Value, ConfigSources.Join(path, Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!), flat);
                }
                break;
            case IEnumerable:
                flat[path] = ToNode(value)!.ToJsonString(JsonText.Compact);
                break;
            default:
                foreach (var member in ConfigSchema.Members(value.GetType()))
                {
                    Flatten(member.Property.GetValue(value), ConfigSources.Join(path, member.Key), flat);
                }
                break;
        }
    }

    private static JsonNode Real(double x) =>
        double.IsFinite(x)
            ? JsonValue.Create(x)
            : JsonValue.Create(double.IsNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");

    private static JsonObject Map(IDictionary map)
    {
        var obj = new JsonObject();
        foreach (DictionaryEntry entry in map)
        {
            obj[Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!] = ToNode(entry.Value);
        }
        return obj;
    }

    private static JsonObject Record(object record)
    {
        var obj = new JsonObject();
        foreach (var member in ConfigSchema.Members(record.GetType()))
        {
            obj[member.Key] = ToNode(member.Property.GetValue(record));
        }
        return obj;
    }
}
