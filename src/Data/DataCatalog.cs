using System.Text.Json;
using Trainer.Data.Catalog;
using Trainer.Data.Storage;

namespace Trainer.Data;

/// <summary>
/// The generators the CLI can run by name (<c>trainer gen-data NAME --config file.json --seed 7 --out folder</c>).
/// Configs are strict JSON: snake_case keys, an unknown key is an error naming it and the allowed keys.
/// </summary>
/// <remarks>
/// Example: <c>DataCatalog.Generate("zipf", JsonDocument.Parse("{\"n\": 100, \"alpha\": 1.5}").RootElement, 7, "runs/data/zipf")</c>
/// writes manifest.json, inputs.bin, outputs.bin, counts.bin, probabilities.bin, labels.bin and returns the summary.
/// </remarks>
public static class DataCatalog
{
    private static readonly IDataGenerator[] All =
    [
        new PathStarGenerator(),
        new InContextPathStarGenerator(),
        new GraphEdgesGenerator(),
        new FactGraphDataGenerator(),
        new ZipfGenerator(),
        new PatternsGenerator(),
        new VmfClustersGenerator(),
        new GaussianMixtureIclGenerator(),
        new LinearRegressionIclGenerator(),
        new Node2VecGenerator(),
    ];

    /// <summary>Every generator.</summary>
    public static IReadOnlyList<IDataGenerator> Generators => All;

    /// <summary>(name, description) of every generator, in catalog order.</summary>
    public static IReadOnlyList<(string Name, string Description)> List() => All.Select(g => (g.Name, g.Description)).ToArray();

    /// <summary>The generator called <paramref name="name"/>.</summary>
    /// <exception cref="ConfigException">No such generator; the message lists the names.</exception>
    public static IDataGenerator Find(string name) =>
        All.FirstOrDefault(g => g.Name == name)
        ?? throw new ConfigException($"unknown generator '{name}'; available: {string.Join(", ", All.Select(g => g.Name))}");

    /// <summary>Generates in memory.</summary>
    public static Dataset Build(string name, JsonElement config, ulong seed) => Find(name).Generate(config, seed);

    /// <summary>Generates, writes the dataset folder and returns a printable summary.</summary>
    public static string Generate(string name, JsonElement config, ulong seed, string folder)
    {
        var dataset = Build(name, config, seed);
        DatasetFolder.Write(dataset, folder);
        return $"wrote {Path.GetFullPath(folder)}\n{dataset.Summary()}";
    }
}
