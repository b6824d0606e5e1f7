using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trainer.Training.Config;

/// <summary>
/// Loads a typed config: JSON file -> <c>--set</c> overrides in order -> strict binding onto the record's defaults
/// -> rule checks. Keys are snake_case (<c>model.n_layer</c> for <c>Model.NLayer</c>). Any unknown key, wrong
/// type or rule violation, in the file or in an override, throws one <see cref="ConfigException"/> listing all of
/// them with key, value, source and what is allowed.
/// </summary>
/// <example>
/// <code>var config = ConfigLoader.Load&lt;ExperimentConfig&gt;("configs/demo.json", ["model.n_layer=4", "train.lr=1e-3"]);</code>
/// </example>
public static class ConfigLoader
{
    /// <summary>Loads <paramref name="path"/> (or only defaults when null) and applies <paramref name="overrides"/>.</summary>
    public static T Load<T>(string? path, IEnumerable<string>? overrides = null) where T : class, new() =>
        (T)Load(typeof(T), path, overrides);

    /// <summary>Untyped form of <see cref="Load{T}"/> for callers that pick the record type at run time.</summary>
    public static object Load(Type type, string? path, IEnumerable<string>? overrides = null)
    {
        if (path is null)
        {
            return Resolve(type, new JsonObject(), ConfigSources.Default, overrides);
        }
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(new ConfigError("", null, $"cannot read the config file: {e.Message}", null,
                null, path));
        }
        return Parse(type, json, overrides, path);
    }

    /// <summary>Binds JSON text; <paramref name="source"/> names it in messages (a path, or e.g. <c>json</c>).</summary>
    public static T Parse<T>(string json, IEnumerable<string>? overrides = null, string source = "json")
        where T : class, new() =>
        (T)Parse(typeof(T), json, overrides, source);

    /// <summary>Untyped form of <see cref="Parse{T}"/>.</summary>
    public static object Parse(Type type, string json, IEnumerable<string>? overrides = null, string source = "json")
    {
        JsonNode? tree;
        try
        {
            tree = JsonText.Parse(json);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            throw new ConfigException(new ConfigError("", null, "not valid JSON: " + Describe(e), null, null, source));
        }
        if (tree is not JsonObject root)
        {
            throw new ConfigException(new ConfigError("", null,
                $"a config file must hold one JSON object, not {JsonText.Kind(tree).ToString().ToLowerInvariant()}",
                "{ \"key\": value, ... }", null, source));
        }
        return Resolve(type, root, source, overrides);
    }

    /// <summary>The defaults of <typeparamref name="T"/> with <paramref name="overrides"/> applied.</summary>
    public static T Defaults<T>(IEnumerable<string>? overrides = null) where T : class, new() =>
        Load<T>(null, overrides);

    // System.Text.Json counts lines and bytes from 0; people count from 1.
    private static string Describe(Exception e)
    {
        if (e is not JsonException { LineNumber: { } line, BytePositionInLine: { } column } json)
        {
            return e.Message;
        }
        var cut = json.Message.IndexOf(" Path:", StringComparison.Ordinal) is var p and >= 0 ? p
            : json.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = cut >= 0 ? json.Message[..cut] : json.Message;
        return $"{text} (line {line + 1}, column {column + 1})";
    }

    private static object Resolve(Type type, JsonObject tree, string source, IEnumerable<string>? overrides)
    {
        var sources = new ConfigSources(source);
        sources.AddFile(tree);
        var errors = new List<ConfigError>();
        foreach (var text in overrides ?? [])
        {
            OverrideApplier.Apply(type, tree, ConfigOverride.Parse(text), sources, errors);
        }
        var config = ConfigBinder.Bind(type, tree, sources, errors);
        // Cross-key hooks only make sense once every key bound: a half-bound record gives misleading complaints.
        ConfigValidator.Validate(config, sources, errors, runHooks: errors.Count == 0);
        if (errors.Count > 0)
        {
            throw new ConfigException(errors);
        }
        return config;
    }
}
