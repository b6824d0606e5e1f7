using Trainer.Training.Config;

namespace Trainer.Training.Experiments;

/// <summary>The experiments <c>trainer experiment</c> knows.</summary>
public static class ExperimentRegistry
{
    private static readonly List<IExperiment> _all = new();

    public static IReadOnlyList<IExperiment> All => _all;

    /// <summary>Adds an experiment (called once by each experiment assembly's registration).</summary>
    public static void Register(IExperiment e)
    {
        if (_all.Any(x => x.Name == e.Name))
        {
            throw new InvalidOperationException($"experiment '{e.Name}' is registered twice");
        }

        _all.Add(e);
    }

    public static IExperiment Find(string name) =>
        _all.FirstOrDefault(e => e.Name == name)
        ?? throw new ConfigException(new ConfigError("experiment", name, "unknown experiment", string.Join(", ", _all.Select(e => e.Name))));

    /// <summary>The scale's default config, then the file's keys, then the --set overrides, bound strictly.</summary>
    public static object LoadConfig(IExperiment e, string scale, string? path, IReadOnlyList<string> overrides)
    {
        if (scale is not ("small" or "large"))
        {
            throw new ConfigException(new ConfigError("scale", scale, "unknown scale", "small, large"));
        }

        string defaults = ConfigJson.Serialize(e.DefaultConfig(scale));
        object merged = ConfigLoader.Parse(e.ConfigType, defaults, Array.Empty<string>(), $"{e.Name} ({scale} defaults)");
        if (path is null)
        {
            return overrides.Count == 0 ? merged : ConfigLoader.Parse(e.ConfigType, defaults, overrides, $"{e.Name} ({scale} defaults)");
        }

        var file = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var baseNode = System.Text.Json.Nodes.JsonNode.Parse(defaults)!.AsObject();
        Merge(baseNode, file);
        return ConfigLoader.Parse(e.ConfigType, baseNode.ToJsonString(), overrides, path);
    }

    private static void Merge(System.Text.Json.Nodes.JsonObject target, System.Text.Json.Nodes.JsonObject source)
    {
        foreach (var (k, v) in source.ToList())
        {
            if (v is System.Text.Json.Nodes.JsonObject o && target[k] is System.Text.Json.Nodes.JsonObject t)
            {
                Merge(t, o);
            }
            else
            {
                target[k] = v?.DeepClone();
            }
        }
    }
}
