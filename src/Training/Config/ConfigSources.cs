using System.Text.Json.Nodes;

namespace Trainer.Training.Config;

/// <summary>
/// Remembers where each key's value came from (the config file, a <c>--set</c>, or the record's default) so that
/// error messages can say so.
/// </summary>
internal sealed class ConfigSources
{
    /// <summary>Label of values that came from an override.</summary>
    public const string Override = "--set";

    /// <summary>Label of values nobody wrote: the record's property initialisers.</summary>
    public const string Default = "default";

    private readonly HashSet<string> _fromFile = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fromOverride = new(StringComparer.Ordinal);

    /// <summary>Starts with the label of the config file (its path, or e.g. <c>json</c> for a string).</summary>
    public ConfigSources(string fileLabel)
    {
        FileLabel = fileLabel;
    }

    /// <summary>The label of the config file.</summary>
    public string FileLabel { get; }

    /// <summary>Records every path in the file's tree.</summary>
    public void AddFile(JsonNode? node, string path = "") => Walk(node, path, _fromFile);

    /// <summary>Records every path an override wrote (the key and everything under its value).</summary>
    public void AddOverride(JsonNode? node, string path) => Walk(node, path, _fromOverride);

    /// <summary>The label for a full path: <c>--set</c>, the file label, or <c>default</c>.</summary>
    public string SourceOf(string path)
    {
        if (_fromOverride.Contains(path))
        {
            return Override;
        }
        return _fromFile.Contains(path) ? FileLabel : Default;
    }

    /// <summary>Joins a parent path and a key with a dot (no dot at the root).</summary>
    public static string Join(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;

    private static void Walk(JsonNode? node, string path, HashSet<string> into)
    {
        into.Add(path);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    Walk(child, Join(path, key), into);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], $"{path}[{i}]", into);
                }
                break;
        }
    }
}
