using System.Collections;
using System.Reflection;
using Annotations = System.ComponentModel.DataAnnotations;

namespace Trainer.Training.Config;

/// <summary>
/// Checks a bound config against its rules: per-value attributes on every key (defaults included), then each
/// record's <see cref="IValidatable.Validate"/> (or DataAnnotations' <c>IValidatableObject</c>, or a plain
/// <c>public void Validate()</c> that throws <see cref="ArgumentException"/>, the Data project's convention) for
/// rules that span several keys. Nested sections, lists of sections and maps of sections are walked.
/// </summary>
internal static class ConfigValidator
{
    /// <summary>Appends every rule violation under <paramref name="root"/> to <paramref name="errors"/>.</summary>
    public static void Validate(object root, ConfigSources sources, List<ConfigError> errors, bool runHooks) =>
        WalkRecord(root, "", sources, errors, runHooks);

    private static void WalkRecord(object record, string path, ConfigSources sources, List<ConfigError> errors,
        bool runHooks)
    {
        foreach (var member in ConfigSchema.Members(record.GetType()))
        {
            var value = member.Property.GetValue(record);
            var key = ConfigSources.Join(path, member.Key);
            CheckRules(member, value, key, sources, errors);
            foreach (var (child, childPath) in Sections(member.Type, value, key))
            {
                WalkRecord(child, childPath, sources, errors, runHooks);
            }
        }
        if (runHooks)
        {
            RunHooks(record, path, sources, errors);
        }
    }

    private static void CheckRules(ConfigMember member, object? value, string key, ConfigSources sources,
        List<ConfigError> errors)
    {
        foreach (var (item, itemPath) in Scalars(member.Type, value, key))
        {
            if (!ConfigRules.Accepts(member.Property, item))
            {
                var problem = item is string ? "not an allowed value" : "out of range";
                errors.Add(new ConfigError(itemPath, JsonText.Show(ConfigJson.ToNode(item)), problem,
                    ConfigRules.Allowed(member.Property, member.Type), null, sources.SourceOf(itemPath)));
            }
        }
    }

    // The values the per-value rules apply to: the value itself, or each element of a list.
    private static IEnumerable<(object Item, string Path)> Scalars(ConfigType type, object? value, string key)
    {
        if (value is null || type.Kind is ConfigKind.Record or ConfigKind.Dictionary)
        {
            yield break;
        }
        if (type.Kind is ConfigKind.Array or ConfigKind.List)
        {
            var i = 0;
            foreach (var item in (IEnumerable)value)
            {
                if (item is not null && type.Element!.Kind is not (ConfigKind.Record or ConfigKind.Array or ConfigKind.List))
                {
                    yield return (item, $"{key}[{i}]");
                }
                i++;
            }
            yield break;
        }
        yield return (value, key);
    }

    private static IEnumerable<(object Record, string Path)> Sections(ConfigType type, object? value, string key)
    {
        switch (type.Kind)
        {
            case ConfigKind.Record when value is not null:
                yield return (value, key);
                break;
            case ConfigKind.Array or ConfigKind.List when value is not null && type.Element!.Kind == ConfigKind.Record:
                var i = 0;
                foreach (var item in (IEnumerable)value)
                {
                    if (item is not null)
                    {
                        yield return (item, $"{key}[{i}]");
                    }
                    i++;
                }
                break;
            case ConfigKind.Dictionary when value is not null && type.Element!.Kind == ConfigKind.Record:
                foreach (DictionaryEntry entry in (IDictionary)value)
                {
                    if (entry.Value is not null)
                    {
                        yield return (entry.Value, ConfigSources.Join(key, (string)entry.Key));
                    }
                }
                break;
        }
    }

    private static void RunHooks(object record, string path, ConfigSources sources, List<ConfigError> errors)
    {
        var type = record.GetType();
        if (record is IValidatable validatable)
        {
            foreach (var problem in validatable.Validate())
            {
                var key = ConfigSources.Join(path, KeyFor(type, problem.Key));
                errors.Add(new ConfigError(key, JsonText.Show(ConfigJson.ToNode(problem.Value)), "invalid",
                    problem.Allowed, null, sources.SourceOf(key)));
            }
        }
        else if (type.GetMethod("Validate", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is { } method
            && method.ReturnType == typeof(void))
        {
            RunThrowingHook(record, method, path, sources, errors);
        }
        if (record is Annotations.IValidatableObject annotated)
        {
            foreach (var result in annotated.Validate(new Annotations.ValidationContext(record)))
            {
                var name = result.MemberNames.FirstOrDefault() ?? "";
                var key = ConfigSources.Join(path, KeyFor(type, name));
                var property = type.GetProperty(name);
                var shown = property is null ? null : JsonText.Show(ConfigJson.ToNode(property.GetValue(record)));
                errors.Add(new ConfigError(key, shown, "invalid", result.ErrorMessage, null, sources.SourceOf(key)));
            }
        }
    }

    // The Data project's convention: `public void Validate()` that throws ArgumentException naming the key.
    private static void RunThrowingHook(object record, MethodInfo method, string path, ConfigSources sources,
        List<ConfigError> errors)
    {
        try
        {
            method.Invoke(record, null);
        }
        catch (TargetInvocationException e) when (e.InnerException is ArgumentException or InvalidOperationException)
        {
            var inner = e.InnerException!;
            var name = (inner as ArgumentException)?.ParamName;
            var key = name is null ? path : ConfigSources.Join(path, KeyFor(record.GetType(), name));
            var message = inner is ArgumentException { ParamName: not null } a
                ? a.Message.Replace($" (Parameter '{a.ParamName}')", "", StringComparison.Ordinal)
                : inner.Message;
            var property = name is null ? null : record.GetType().GetProperty(name) ?? FindByKey(record.GetType(), name);
            var shown = property is null ? null : JsonText.Show(ConfigJson.ToNode(property.GetValue(record)));
            errors.Add(new ConfigError(key, shown, message, null, null, sources.SourceOf(key)));
        }
    }

    private static PropertyInfo? FindByKey(Type type, string key) => ConfigSchema.Find(type, key)?.Property;

    // A hook may name a key in snake_case or by its C# property name.
    private static string KeyFor(Type type, string name)
    {
        if (name.Length == 0 || ConfigSchema.Find(type, name) is not null)
        {
            return name;
        }
        var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
        return property is null ? name : KeyNames.KeyOf(property);
    }
}
