using Trainer.Data.Patterns;
using Trainer.Data.Storage;

namespace Trainer.Data.Catalog;

/// <summary>
/// Catalog entry "vmf-clusters": centres (K, d), points (P, d) float32 and labels (P). See <see cref="VmfClusters"/>.
/// </summary>
public sealed class VmfClustersGenerator : DataGenerator<VmfClustersConfig>
{
    /// <inheritdoc />
    public override string Name => "vmf-clusters";

    /// <inheritdoc />
    public override string Description => "von Mises-Fisher clusters on the sphere (Wood's algorithm): K uniform centres, points with concentration kappa";

    /// <inheritdoc />
    public override Dataset Build(VmfClustersConfig config, ulong seed)
    {
        var c = VmfClusters.Generate(config, seed);
        var data = NewDataset(config, seed);
        data.Add(DataArray.Of("centres", c.Centres, config.Clusters, config.Dim));
        data.Add(DataArray.Of("points", c.Points, config.Points, config.Dim));
        data.Add(DataArray.Of("labels", c.Labels));
        return data;
    }
}
