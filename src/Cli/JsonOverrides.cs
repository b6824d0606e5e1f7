using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trainer.Cli;

/// <summary>Applies <c>--set a.b=value</c> to a JSON object (value read as JSON when it parses, else as a string).</summary>
internal static class JsonOverrides
{
    public static JsonObject Load(string? path)
    {
        if (path is null)
        {
            return new JsonObject();
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"config file not found: {path}");
        }

        return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new JsonException($"{path}: the config must be a JSON object");
    }

    public static void Apply(JsonObject root, IEnumerable<string> sets)
    {
        foreach (string s in sets)
        {
            int eq = s.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ArgumentException($"--set '{s}': expected key=value, e.g. --set degree=4");
            }

            string[] path = s[..eq].Split('.');
            string text = s[(eq + 1)..];
            JsonObject node = root;
            foreach (string part in path[..^1])
            {
                if (node[part] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[part] = child;
                }

                node = child;
            }

            node[path[^1]] = Parse(text);
        }
    }

    private static JsonNode? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
