using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trainer.Training.Config;

/// <summary>
/// The naming convention of config files: C# PascalCase members become snake_case keys
/// (<c>NLayer</c> -> <c>n_layer</c>, <c>LearningRate</c> -> <c>learning_rate</c>, <c>Beta2</c> -> <c>beta2</c>), and
/// enum members become snake_case names (<c>CosineWarmup</c> -> <c>cosine_warmup</c>). A
/// <see cref="JsonPropertyNameAttribute"/> or <see cref="JsonStringEnumMemberNameAttribute"/> overrides the name.
/// </summary>
public static class KeyNames
{
    /// <summary>
    /// snake_case of a PascalCase or camelCase identifier, exactly as System.Text.Json's
    /// <see cref="JsonNamingPolicy.SnakeCaseLower"/> does it, so keys agree with the Data project's strict configs.
    /// </summary>
    public static string ToSnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    /// <summary>The config key of a property: its <see cref="JsonPropertyNameAttribute"/> or its snake_case name.</summary>
    public static string KeyOf(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? ToSnakeCase(property.Name);

    /// <summary>The config name of an enum value (snake_case unless renamed by attribute).</summary>
    public static string EnumName(Type enumType, object value)
    {
        var member = Enum.GetName(enumType, value)
            ?? throw new ArgumentException($"{value} is not a named value of {enumType.Name}", nameof(value));
        return EnumMemberName(enumType, member);
    }

    /// <summary>All config names of an enum, in declaration order.</summary>
    public static IReadOnlyList<string> EnumNames(Type enumType) =>
        Enum.GetNames(enumType).Select(n => EnumMemberName(enumType, n)).ToArray();

    /// <summary>
    /// Finds the enum value for a name. Accepts the config name, the C# name, and any spelling that differs only in
    /// case or underscores (<c>adam_w</c>, <c>AdamW</c>, <c>adamw</c>).
    /// </summary>
    public static bool TryParseEnum(Type enumType, string text, out object? value)
    {
        var wanted = Loose(text);
        foreach (var member in Enum.GetNames(enumType))
        {
            if (EnumMemberName(enumType, member) == text || Loose(member) == wanted
                || Loose(EnumMemberName(enumType, member)) == wanted)
            {
                value = Enum.Parse(enumType, member);
                return true;
            }
        }
        value = null;
        return false;
    }

    /// <summary>Lower case without underscores or dashes: the form two spellings of one name share.</summary>
    internal static string Loose(string name) =>
        new string(name.Where(c => c != '_' && c != '-').Select(char.ToLowerInvariant).ToArray());

    private static string EnumMemberName(Type enumType, string member)
    {
        var field = enumType.GetField(member, BindingFlags.Public | BindingFlags.Static);
        return field?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? ToSnakeCase(member);
    }
}
