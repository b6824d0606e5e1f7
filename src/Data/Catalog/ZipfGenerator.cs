using Trainer.Data.Associations;
using Trainer.Data.Storage;

namespace Trainer.Data.Catalog;

/// <summary>
/// Catalog entry "zipf": heavy-tailed associations. Arrays: inputs (T) tokens 0..N-1, outputs (T) = input mod M,
/// counts (N) n_x, probabilities (N) float64 p(x), labels (N) f*(x). Info: expected and empirical unseen mass.
/// See <see cref="ZipfAssociations"/>.
/// </summary>
public sealed class ZipfGenerator : DataGenerator<ZipfConfig>
{
    /// <inheritdoc />
    public override string Name => "zipf";

    /// <inheritdoc />
    public override string Description => "Zipf associations: x ~ p(x) ∝ x^-alpha on N tokens, y = x mod M, T samples, counts n_x and the unseen mass";

    /// <inheritdoc />
    public override Dataset Build(ZipfConfig config, ulong seed)
    {
        var z = ZipfAssociations.Generate(config, seed);
        var data = NewDataset(config, seed);
        data.Add(DataArray.Of("inputs", z.Inputs));
        data.Add(DataArray.Of("outputs", z.Outputs));
        data.Add(DataArray.Of("counts", z.Counts));
        data.Add(DataArray.Of("probabilities", z.Probabilities));
        data.Add(DataArray.Of("labels", z.Labels));
        data.Info["unseen_mass_expected"] = z.ExpectedUnseenMass;
        data.Info["unseen_mass_empirical"] = z.EmpiricalUnseenMass;
        data.Info["distinct_seen"] = z.Counts.Count(c => c > 0);
        return data;
    }
}
