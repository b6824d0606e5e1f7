using Trainer.Data.Patterns;
using Trainer.Data.Storage;

namespace Trainer.Data.Catalog;

/// <summary>
/// Catalog entry "gmm-icl": points (S, T, d), labels (S, T), means (S, K, d). See <see cref="InContextDatasets"/>.
/// </summary>
public sealed class GaussianMixtureIclGenerator : DataGenerator<GaussianMixtureIclConfig>
{
    /// <inheritdoc />
    public override string Name => "gmm-icl";

    /// <inheritdoc />
    public override string Description => "in-context Gaussian mixtures: each sequence a fresh K-component 2-D mixture (means ~ N(0, 5^2), std 0.33)";

    /// <inheritdoc />
    public override Dataset Build(GaussianMixtureIclConfig config, ulong seed)
    {
        var (points, labels, means) = InContextDatasets.GaussianMixture(config, seed);
        var data = NewDataset(config, seed);
        data.Add(DataArray.Of("points", points, config.Sequences, config.Points, config.Dim));
        data.Add(DataArray.Of("labels", labels, config.Sequences, config.Points));
        data.Add(DataArray.Of("means", means, config.Sequences, config.Components, config.Dim));
        return data;
    }
}

/// <summary>
/// Catalog entry "linreg-icl": points (S, T, 2) rows (x, y) and weights (S). See <see cref="InContextDatasets"/>.
/// </summary>
public sealed class LinearRegressionIclGenerator : DataGenerator<LinearRegressionIclConfig>
{
    /// <inheritdoc />
    public override string Name => "linreg-icl";

    /// <inheritdoc />
    public override string Description => "in-context linear regression: each sequence a fresh line y = w x + noise, x ~ U(-15, 15)";

    /// <inheritdoc />
    public override Dataset Build(LinearRegressionIclConfig config, ulong seed)
    {
        var (points, weights) = InContextDatasets.LinearRegression(config, seed);
        var data = NewDataset(config, seed);
        data.Add(DataArray.Of("points", points, config.Sequences, config.Points, 2));
        data.Add(DataArray.Of("weights", weights));
        return data;
    }
}
