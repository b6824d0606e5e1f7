using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trainer.Training.Config;

/// <summary>
/// Binds a JSON tree onto a config record strictly: every key must exist, every value must have the property's
/// type. Starts from the record's defaults (property initialisers) so a file lists only what it changes; nested
/// sections start from the parent's default for that section. Problems are collected, not thrown, so one pass
/// reports all of them.
/// </summary>
internal sealed class ConfigBinder
{
    private static readonly MethodInfo _memberwiseClone =
        typeof(object).GetMethod("MemberwiseClone", BindingFlags.NonPublic | BindingFlags.Instance)!;

    private readonly Type _rootType;
    private readonly ConfigSources _sources;
    private readonly List<ConfigError> _errors;

    private ConfigBinder(Type rootType, ConfigSources sources, List<ConfigError> errors)
    {
        _rootType = rootType;
        _sources = sources;
        _errors = errors;
    }

    /// <summary>A new <paramref name="rootType"/> from its defaults with <paramref name="tree"/> applied.</summary>
    public static object Bind(Type rootType, JsonObject tree, ConfigSources sources, List<ConfigError> errors) =>
        new ConfigBinder(rootType, sources, errors).BindRecord(rootType, tree, "", current: null);

    private object BindRecord(Type type, JsonObject obj, string path, object? current)
    {
        var instance = current is null ? Activator.CreateInstance(type)! : _memberwiseClone.Invoke(current, null)!;
        foreach (var (key, child) in obj)
        {
            var childPath = ConfigSources.Join(path, key);
            var member = ConfigSchema.Find(type, key);
            if (member is null)
            {
                _errors.Add(UnknownKey(type, path, key, JsonText.Show(child), _sources.SourceOf(childPath), _rootType));
                continue;
            }
            if (TryBind(member.Type, child, childPath, member.Property.GetValue(instance), out var value))
            {
                member.Property.SetValue(instance, value);
            }
        }
        if (current is null)
        {
            foreach (var missing in ConfigSchema.Members(type).Where(m => m.IsRequired && !obj.ContainsKey(m.Key)))
            {
                var key = ConfigSources.Join(path, missing.Key);
                _errors.Add(new ConfigError(key, null, "missing: this key has no default", missing.Type.Expected));
            }
        }
        return instance;
    }

    /// <summary>The "unknown key" error, with a nearby key from this section or, failing that, from anywhere.</summary>
    internal static ConfigError UnknownKey(Type type, string path, string key, string? shown, string source, Type root)
    {
        var local = ConfigSchema.Members(type).Select(m => m.Key).ToList();
        var near = Suggest.Nearest(key, local);
        var suggestion = near is not null ? ConfigSources.Join(path, near) : NearestAnywhere(root, key);
        var where = path.Length == 0 ? "unknown top-level key" : $"unknown key in '{path}'";
        return new ConfigError(ConfigSources.Join(path, key), shown, where, string.Join(", ", local), suggestion, source);
    }

    // A key typed in the wrong section (n_layer at the top level) is found by its last segment.
    private static string? NearestAnywhere(Type root, string key)
    {
        var paths = ConfigPaths.All(root).ToList();
        var last = Suggest.Nearest(key, paths.Select(p => p[(p.LastIndexOf('.') + 1)..]).Distinct());
        return last is null ? null : paths.First(p => p == last || p.EndsWith("." + last, StringComparison.Ordinal));
    }

    private bool TryBind(ConfigType type, JsonNode? node, string path, object? current, out object? value)
    {
        value = null;
        if (node is null)
        {
            return type.AllowsNull || Fail(type, node, path, "null is not allowed");
        }
        return type.Kind switch
        {
            ConfigKind.Record => node is JsonObject obj
                ? Set(BindRecord(type.Clr, obj, path, current), out value)
                : Fail(type, node, path),
            ConfigKind.Array or ConfigKind.List => BindList(type, node, path, out value),
            ConfigKind.Dictionary => BindDictionary(type, node, path, current, out value),
            ConfigKind.Enum => BindEnum(type, node, path, out value),
            _ => BindScalar(type, node, path, out value),
        };
    }

    private bool BindScalar(ConfigType type, JsonNode node, string path, out object? value)
    {
        value = null;
        var kind = JsonText.Kind(node);
        var ok = type.Kind switch
        {
            ConfigKind.Bool => kind is JsonValueKind.True or JsonValueKind.False && Set(kind == JsonValueKind.True, out value),
            ConfigKind.String => kind == JsonValueKind.String && Set(node.GetValue<string>(), out value),
            ConfigKind.Int => kind == JsonValueKind.Number && JsonText.Element(node).TryGetInt32(out var i) && Set(i, out value),
            ConfigKind.Long => kind == JsonValueKind.Number && JsonText.Element(node).TryGetInt64(out var l) && Set(l, out value),
            ConfigKind.Double => TryReadDouble(node, kind, out var d) && Set(d, out value),
            ConfigKind.Float => TryReadDouble(node, kind, out var f) && (float.IsFinite((float)f) || !double.IsFinite(f))
                && Set((float)f, out value),
            _ => false,
        };
        return ok || Fail(type, node, path);
    }

    // Numbers, plus the strings "NaN", "Infinity" and "-Infinity" that plain JSON cannot hold.
    private static bool TryReadDouble(JsonNode node, JsonValueKind kind, out double value)
    {
        value = 0;
        if (kind == JsonValueKind.Number)
        {
            return JsonText.Element(node).TryGetDouble(out value) && double.IsFinite(value);
        }
        if (kind != JsonValueKind.String)
        {
            return false;
        }
        value = node.GetValue<string>() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => 0,
        };
        return !(value == 0);
    }

    private bool BindEnum(ConfigType type, JsonNode node, string path, out object? value)
    {
        value = null;
        if (JsonText.Kind(node) != JsonValueKind.String)
        {
            return Fail(type, node, path);
        }
        var text = node.GetValue<string>();
        if (KeyNames.TryParseEnum(type.Clr, text, out value))
        {
            return true;
        }
        var names = KeyNames.EnumNames(type.Clr);
        _errors.Add(new ConfigError(path, JsonText.Show(node), $"not a value of {type.Clr.Name}",
            string.Join(", ", names), Suggest.Nearest(text, names), _sources.SourceOf(path)));
        return false;
    }

    private bool BindList(ConfigType type, JsonNode node, string path, out object? value)
    {
        value = null;
        if (node is not JsonArray array)
        {
            return Fail(type, node, path);
        }
        var element = type.Element!;
        var items = Array.CreateInstance(element.Clr, array.Count);
        var ok = true;
        for (var i = 0; i < array.Count; i++)
        {
            if (TryBind(element, array[i], $"{path}[{i}]", null, out var item))
            {
                items.SetValue(item, i);
            }
            else
            {
                ok = false;
            }
        }
        value = type.Clr.IsArray || type.Clr.IsInterface && type.Clr.GetGenericTypeDefinition() != typeof(IList<>)
            ? items
            : Activator.CreateInstance(typeof(List<>).MakeGenericType(element.Clr), items);
        return ok;
    }

    // A map starts from its default entries, like a section: a file adds or changes entries, it does not drop them.
    private bool BindDictionary(ConfigType type, JsonNode node, string path, object? current, out object? value)
    {
        value = null;
        if (node is not JsonObject obj)
        {
            return Fail(type, node, path);
        }
        var element = type.Element!;
        var map = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), element.Clr))!;
        if (current is IDictionary defaults)
        {
            foreach (DictionaryEntry entry in defaults)
            {
                map[entry.Key] = entry.Value;
            }
        }
        var ok = true;
        foreach (var (key, child) in obj)
        {
            if (TryBind(element, child, ConfigSources.Join(path, key), null, out var item))
            {
                map[key] = item;
            }
            else
            {
                ok = false;
            }
        }
        value = map;
        return ok;
    }

    private bool Fail(ConfigType type, JsonNode? node, string path, string problem = "wrong type")
    {
        _errors.Add(new ConfigError(path, JsonText.Show(node), $"{problem}, expected {type.Expected}", null, null,
            _sources.SourceOf(path)));
        return false;
    }

    private static bool Set(object? result, out object? value)
    {
        value = result;
        return true;
    }
}
