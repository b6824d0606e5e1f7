using Trainer.Data.Patterns;
using Trainer.Data.Storage;

namespace Trainer.Data.Catalog;

/// <summary>
/// Catalog entry "patterns": stored patterns (P, N) float32 and, when queries &gt; 0, query_index (Q) and
/// queries (Q, N) at the configured overlap. See <see cref="PatternSets"/> and <see cref="NoisyQueries"/>.
/// </summary>
public sealed class PatternsGenerator : DataGenerator<PatternSetConfig>
{
    /// <inheritdoc />
    public override string Name => "patterns";

    /// <inheritdoc />
    public override string Description => "pattern sets: Gaussian, spherical (norm sqrt N) or binary ±1 patterns, with noisy queries at overlap rho0";

    /// <inheritdoc />
    public override Dataset Build(PatternSetConfig config, ulong seed)
    {
        config.Validate();
        var patterns = PatternSets.Generate(config.Kind, config.Count, config.Dim, seed, config.Threads);
        var data = NewDataset(config, seed);
        data.Add(DataArray.Of("patterns", patterns, config.Count, config.Dim));
        if (config.Queries > 0)
        {
            if (config.Count == 0)
            {
                throw new ArgumentException("queries > 0 needs count > 0 patterns to start from");
            }
            int[] index = NoisyQueries.ChooseIndices(config.Count, config.Queries, seed);
            var queries = NoisyQueries.Generate(patterns, config.Dim, index, config.Overlap, config.Orthogonalize, seed, config.Threads);
            data.Add(DataArray.Of("query_index", index));
            data.Add(DataArray.Of("queries", queries, config.Queries, config.Dim));
        }
        data.Info["alpha"] = config.Count > 0 ? Math.Log(config.Count) / config.Dim : 0;
        return data;
    }
}
