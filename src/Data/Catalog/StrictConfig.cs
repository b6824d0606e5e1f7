using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trainer.Data.Catalog;

/// <summary>
/// Strict JSON for config records: keys are the snake_case names of the record's properties, enums are snake_case
/// strings, and a key the record does not have is an error that names it and lists the allowed keys (nested
/// records are checked the same way). Missing keys keep the record's defaults.
/// </summary>
/// <remarks>
/// Example: parsing <c>{"degre": 5}</c> as PathStarTaskConfig throws
/// <c>unknown key 'degre' in path-star config; allowed keys: degree, path_length, subtree_degree, ...</c>.
/// </remarks>
public static class StrictConfig
{
    /// <summary>The serializer options used for every data config.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = false,
    };

    /// <summary>Parses <paramref name="json"/> (null or undefined: all defaults) into a <typeparamref name="T"/>.</summary>
    /// <exception cref="ConfigException">Unknown key, wrong value type or enum value; the message names the key.</exception>
    public static T Parse<T>(JsonElement json, string context)
        where T : new()
    {
        if (json.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return new T();
        }
        CheckKeys(json, typeof(T), context);
        try
        {
            return json.Deserialize<T>(Options) ?? new T();
        }
        catch (JsonException e)
        {
            string key = (e.Path ?? "$").TrimStart('$').TrimStart('.');
            throw new ConfigException($"bad value for key '{key}' in {context}: {Describe(e, typeof(T), key)}", e);
        }
    }

    /// <summary>The record as a JSON object with every key (the resolved config).</summary>
    public static JsonElement ToJson<T>(T config) => JsonSerializer.SerializeToElement(config, Options);

    /// <summary>The snake_case keys a config type accepts.</summary>
    public static IReadOnlyList<string> AllowedKeys(Type type) =>
        Settable(type).Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)).ToArray();

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic);

    private static void CheckKeys(JsonElement json, Type type, string context)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new ConfigException($"{context} must be a JSON object, got {json.ValueKind}");
        }
        var properties = Settable(type).ToDictionary(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name), StringComparer.Ordinal);
        foreach (var member in json.EnumerateObject())
        {
            if (!properties.TryGetValue(member.Name, out var property))
            {
                throw new ConfigException($"unknown key '{member.Name}' in {context}; allowed keys: {string.Join(", ", properties.Keys)}");
            }
            if (IsRecord(property.PropertyType) && member.Value.ValueKind == JsonValueKind.Object)
            {
                CheckKeys(member.Value, property.PropertyType, $"{context}.{member.Name}");
            }
        }
    }

    private static bool IsRecord(Type type) =>
        type.IsClass && type != typeof(string) && !type.IsArray && type.GetConstructor(Type.EmptyTypes) is not null && Settable(type).Any();

    private static string Describe(JsonException e, Type root, string key)
    {
        var type = root;
        foreach (string part in key.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var property = Settable(type).FirstOrDefault(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name) == part.Split('[')[0]);
            if (property is null)
            {
                break;
            }
            type = property.PropertyType;
        }
        var enumType = Nullable.GetUnderlyingType(type) ?? type;
        if (enumType.IsEnum)
        {
            var names = Enum.GetNames(enumType).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName);
            return $"allowed values: {string.Join(", ", names)}";
        }
        return $"expected {FriendlyName(type)} ({e.Message.Split(". Path:")[0]})";
    }

    private static string FriendlyName(Type type) => type switch
    {
        _ when type == typeof(int) => "an integer",
        _ when type == typeof(long) || type == typeof(ulong) => "an integer",
        _ when type == typeof(double) => "a number",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(string) => "a string",
        _ when type.IsArray => "an array",
        _ => "an object",
    };
}
