using System.Text.Json.Nodes;
using Trainer.Training.Config;

namespace Trainer.Training.Tasks;

/// <summary>The tasks <c>trainer train</c> knows, chosen by the config's <c>task</c> key.</summary>
public static class TaskRegistry
{
    public static IReadOnlyList<ITaskDefinition> All { get; } = new ITaskDefinition[]
    {
        new GraphMemoryTask(),
        new FactGraphTask(),
        new PathStarTrainingTask(),
        new InContextPathStarTask(),
        new IclEnergyTask(),
    };

    public static ITaskDefinition Find(string name) =>
        All.FirstOrDefault(t => t.Name == name)
        ?? throw new ConfigException(new ConfigError("task", name, "unknown task", string.Join(", ", All.Select(t => t.Name))));

    /// <summary>Reads the config file's <c>task</c> key (or the --set task=...), binds the whole file strictly.</summary>
    public static (ITaskDefinition Task, object Config) Load(string? path, IReadOnlyList<string> overrides)
    {
        string? name = overrides.Select(ConfigOverride.Parse).LastOrDefault(o => o.Key == "task")?.Value;
        if (name is null && path is not null)
        {
            name = (JsonNode.Parse(File.ReadAllText(path)) as JsonObject)?["task"]?.GetValue<string>();
        }

        ITaskDefinition task = Find(name ?? throw new ConfigException(new ConfigError("task", null,
            "missing: give it in the config file or with --set task=<name>", string.Join(", ", All.Select(t => t.Name)))));
        object config = ConfigLoader.Load(task.ConfigType, path, overrides);
        return (task, config);
    }
}
