using System.Text;

namespace Trainer.Training.Config;

/// <summary>One row of <c>trainer config keys</c>: a full key with its type, default, help and allowed values.</summary>
/// <param name="Key">Full dotted key, e.g. <c>model.n_layer</c>.</param>
/// <param name="Type">Type as shown to users: <c>int</c>, <c>double?</c>, <c>int[]</c>, <c>enum Optimizer</c>.</param>
/// <param name="Default">The default as one line of JSON.</param>
/// <param name="Description">Help text from <see cref="DescriptionAttribute"/>; null when none.</param>
/// <param name="Allowed">Allowed values or range; null when unrestricted.</param>
public sealed record ConfigKeyInfo(string Key, string Type, string Default, string? Description, string? Allowed);

/// <summary>Lists every key of a config record type, for help output and docs.</summary>
public static class ConfigKeys
{
    /// <summary>Every leaf key of <typeparamref name="T"/> in declaration order, with defaults from <c>new T()</c>.</summary>
    public static IReadOnlyList<ConfigKeyInfo> List<T>() where T : class, new() => List(typeof(T));

    /// <summary>Untyped form of <see cref="List{T}"/>.</summary>
    public static IReadOnlyList<ConfigKeyInfo> List(Type recordType)
    {
        var rows = new List<ConfigKeyInfo>();
        Collect(recordType, Activator.CreateInstance(recordType)!, "", rows, depth: 0);
        return rows;
    }

    /// <summary>Aligned plain-text table: key, type, default, then help and allowed values.</summary>
    public static string Format(IReadOnlyList<ConfigKeyInfo> keys)
    {
        var keyWidth = keys.Select(k => k.Key.Length).DefaultIfEmpty(3).Max();
        var typeWidth = keys.Select(k => k.Type.Length).DefaultIfEmpty(4).Max();
        var text = new StringBuilder();
        foreach (var k in keys)
        {
            text.Append(k.Key.PadRight(keyWidth)).Append("  ").Append(k.Type.PadRight(typeWidth)).Append("  ")
                .Append("default ").Append(k.Default);
            if (k.Description is not null)
            {
                text.Append("  ").Append(k.Description);
            }
            if (k.Allowed is not null)
            {
                text.Append("  [allowed: ").Append(k.Allowed).Append(']');
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static void Collect(Type type, object instance, string prefix, List<ConfigKeyInfo> rows, int depth)
    {
        foreach (var member in ConfigSchema.Members(type))
        {
            var key = ConfigSources.Join(prefix, member.Key);
            var value = member.Property.GetValue(instance);
            if (member.Type.Kind == ConfigKind.Record && depth < 16)
            {
                if (value is null)
                {
                    rows.Add(Row(member, key, null)); // an optional section, off unless given
                }
                var section = value ?? Activator.CreateInstance(member.Type.Clr)!;
                Collect(member.Type.Clr, section, key, rows, depth + 1);
                continue;
            }
            rows.Add(Row(member, key, value));
        }
    }

    private static ConfigKeyInfo Row(ConfigMember member, string key, object? value) =>
        new(key, member.Type.Display, JsonText.Show(ConfigJson.ToNode(value)),
            ConfigRules.Description(member.Property), ConfigRules.Allowed(member.Property, member.Type));
}
