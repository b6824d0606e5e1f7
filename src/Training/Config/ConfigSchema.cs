using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Trainer.Training.Config;

/// <summary>One key of a config record: its snake_case key, the property behind it and its binding type.</summary>
internal sealed record ConfigMember(string Key, PropertyInfo Property, ConfigType Type)
{
    /// <summary>True for a C# <c>required</c> member: it has no default, so a config must give it.</summary>
    public bool IsRequired => Property.IsDefined(typeof(System.Runtime.CompilerServices.RequiredMemberAttribute));
}

/// <summary>
/// The keys of a config record type, found by reflection once and cached: every public instance property with a
/// public getter and a setter (<c>set</c> or <c>init</c>), not marked <see cref="JsonIgnoreAttribute"/>, in
/// declaration order.
/// </summary>
internal static class ConfigSchema
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<ConfigMember>> _members = new();

    /// <summary>The keys of <paramref name="recordType"/>.</summary>
    public static IReadOnlyList<ConfigMember> Members(Type recordType) => _members.GetOrAdd(recordType, Discover);

    /// <summary>The member for <paramref name="key"/>, or null when the record has no such key.</summary>
    public static ConfigMember? Find(Type recordType, string key) =>
        Members(recordType).FirstOrDefault(m => m.Key == key);

    /// <summary>Comma-separated keys of a record, for "allowed keys" messages.</summary>
    public static string KeyList(Type recordType) => string.Join(", ", Members(recordType).Select(m => m.Key));

    private static IReadOnlyList<ConfigMember> Discover(Type recordType)
    {
        var nullability = new NullabilityInfoContext();
        var members = new List<ConfigMember>();
        foreach (var property in recordType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetMethod is null || property.SetMethod is null || !property.SetMethod.IsPublic
                || property.GetIndexParameters().Length > 0 || property.IsDefined(typeof(JsonIgnoreAttribute)))
            {
                continue;
            }
            var allowsNull = nullability.Create(property).WriteState == NullabilityState.Nullable;
            var type = ConfigType.Of(property.PropertyType, allowsNull);
            members.Add(new ConfigMember(KeyNames.KeyOf(property), property, type));
        }
        var clash = members.GroupBy(m => m.Key).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new NotSupportedException($"config record {recordType.Name} has two properties with key '{clash.Key}'");
        }
        return members;
    }
}
