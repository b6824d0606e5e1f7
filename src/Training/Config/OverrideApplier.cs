using System.Text.Json.Nodes;

namespace Trainer.Training.Config;

/// <summary>
/// Writes one <see cref="ConfigOverride"/> into the JSON tree of a config before binding. The key is checked
/// segment by segment against the record types, so an unknown key is reported with its full path, the allowed
/// keys at that level and a suggestion; the value is read by the target's type (<see cref="OverrideValue"/>).
/// A JSON object given for a section or map is merged into what the file already set there.
/// </summary>
internal static class OverrideApplier
{
    /// <summary>Applies <paramref name="change"/> to <paramref name="tree"/>; problems go to <paramref name="errors"/>.</summary>
    public static void Apply(Type rootType, JsonObject tree, ConfigOverride change, ConfigSources sources,
        List<ConfigError> errors)
    {
        var segments = change.Key.Split('.');
        var node = tree;
        var type = ConfigType.Of(rootType, allowsNull: false);
        var path = "";
        for (var i = 0; i < segments.Length; i++)
        {
            var key = segments[i];
            var member = Lookup(type, key);
            if (member is null)
            {
                errors.Add(Unknown(rootType, type, path, key, change));
                return;
            }
            path = ConfigSources.Join(path, key);
            if (i == segments.Length - 1)
            {
                Assign(node, key, member, change, path, sources, errors);
                return;
            }
            if (member.Kind is not (ConfigKind.Record or ConfigKind.Dictionary))
            {
                errors.Add(new ConfigError(change.Key, Quote(change.Value),
                    $"'{path}' has type {member.Display}, so it has no keys below it", $"set it whole: --set {path}=...",
                    null, ConfigSources.Override));
                return;
            }
            if (node[key] is not JsonObject child)
            {
                child = new JsonObject();
                node[key] = child;
            }
            node = child;
            type = member;
        }
    }

    // The type of `key` inside a section (a record's property) or a map (any key, the map's value type).
    private static ConfigType? Lookup(ConfigType container, string key) =>
        container.Kind == ConfigKind.Dictionary
            ? container.Element
            : ConfigSchema.Find(container.Clr, key)?.Type;

    private static ConfigError Unknown(Type rootType, ConfigType container, string path, string key,
        ConfigOverride change) =>
        ConfigBinder.UnknownKey(container.Clr, path, key, Quote(change.Value), ConfigSources.Override, rootType)
            with { Key = change.Key };

    private static void Assign(JsonObject node, string key, ConfigType type, ConfigOverride change, string path,
        ConfigSources sources, List<ConfigError> errors)
    {
        var value = OverrideValue.Read(type, change.Value, out var jsonError);
        if (jsonError is not null)
        {
            errors.Add(new ConfigError(path, Quote(change.Value), $"not valid JSON ({jsonError}), expected {type.Expected}",
                null, null, ConfigSources.Override));
            return;
        }
        if (value is JsonObject incoming && node[key] is JsonObject existing)
        {
            sources.AddOverride(incoming, path);
            Merge(existing, incoming);
            return;
        }
        node[key] = value;
        sources.AddOverride(value, path);
    }

    private static void Merge(JsonObject into, JsonObject from)
    {
        foreach (var key in from.Select(p => p.Key).ToList())
        {
            var value = from[key];
            from.Remove(key);
            if (value is JsonObject inner && into[key] is JsonObject target)
            {
                Merge(target, inner);
            }
            else
            {
                into[key] = value;
            }
        }
    }

    // The value as typed on the command line, shortened like JSON values are.
    private static string Quote(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
