using System.Text.Json;
using Trainer.Data.Storage;

namespace Trainer.Data.Catalog;

/// <summary>A named generator the CLI can run: (strict JSON config, seed) -&gt; <see cref="Dataset"/>.</summary>
public interface IDataGenerator
{
    /// <summary>Catalog name, e.g. "path-star".</summary>
    string Name { get; }

    /// <summary>One line on what it makes.</summary>
    string Description { get; }

    /// <summary>The config record type (its snake_case properties are the allowed keys).</summary>
    Type ConfigType { get; }

    /// <summary>The default config as JSON.</summary>
    JsonElement DefaultConfig { get; }

    /// <summary>Parses the config strictly and generates.</summary>
    Dataset Generate(JsonElement config, ulong seed);
}

/// <summary>Base of the catalog's generators: strict parsing, validation errors as <see cref="ConfigException"/>.</summary>
/// <typeparam name="TConfig">The config record.</typeparam>
public abstract class DataGenerator<TConfig> : IDataGenerator
    where TConfig : new()
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string Description { get; }

    /// <inheritdoc />
    public Type ConfigType => typeof(TConfig);

    /// <inheritdoc />
    public JsonElement DefaultConfig => StrictConfig.ToJson(new TConfig());

    /// <inheritdoc />
    public Dataset Generate(JsonElement config, ulong seed)
    {
        var parsed = StrictConfig.Parse<TConfig>(config, $"{Name} config");
        try
        {
            return Build(parsed, seed);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException($"invalid {Name} config: {e.Message}", e);
        }
    }

    /// <summary>Generates from a parsed config.</summary>
    public abstract Dataset Build(TConfig config, ulong seed);

    /// <summary>An empty dataset stamped with this generator's name, the seed and the resolved config.</summary>
    protected Dataset NewDataset(TConfig config, ulong seed) => new(Name, seed, StrictConfig.ToJson(config));
}
