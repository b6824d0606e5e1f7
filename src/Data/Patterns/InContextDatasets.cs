using Trainer.Data.Randomness;

namespace Trainer.Data.Patterns;

/// <summary>Configuration of the 2-D Gaussian-mixture in-context data (paper digest 4.2; JSON keys snake_case).</summary>
public sealed record GaussianMixtureIclConfig
{
    /// <summary>Number of sequences (in-context datasets).</summary>
    public int Sequences { get; init; } = 1000;

    /// <summary>Points per sequence T.</summary>
    public int Points { get; init; } = 35;

    /// <summary>Mixture components K.</summary>
    public int Components { get; init; } = 3;

    /// <summary>Point dimension.</summary>
    public int Dim { get; init; } = 2;

    /// <summary>Means ~ N(0, mean_std^2 I).</summary>
    public double MeanStd { get; init; } = 5;

    /// <summary>Standard deviation of each component.</summary>
    public double ComponentStd { get; init; } = 0.33;

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending key.</summary>
    public void Validate()
    {
        if (Sequences < 0 || Points < 1 || Components < 1 || Dim < 1)
        {
            throw new ArgumentException("sequences >= 0, points >= 1, components >= 1 and dim >= 1 are required");
        }
        if (!(MeanStd >= 0) || !(ComponentStd >= 0))
        {
            throw new ArgumentException("mean_std and component_std must be >= 0");
        }
    }
}

/// <summary>Configuration of the linear-regression in-context data (paper digest 4.2; JSON keys snake_case).</summary>
public sealed record LinearRegressionIclConfig
{
    /// <summary>Number of sequences.</summary>
    public int Sequences { get; init; } = 1000;

    /// <summary>Points per sequence T.</summary>
    public int Points { get; init; } = 35;

    /// <summary>Slope w ~ N(0, weight_std^2).</summary>
    public double WeightStd { get; init; } = 2;

    /// <summary>x ~ U(-x_range, x_range).</summary>
    public double XRange { get; init; } = 15;

    /// <summary>y = w x + noise, noise ~ N(0, noise_std^2).</summary>
    public double NoiseStd { get; init; } = 0.5;

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending key.</summary>
    public void Validate()
    {
        if (Sequences < 0 || Points < 1)
        {
            throw new ArgumentException("sequences >= 0 and points >= 1 are required");
        }
        if (!(WeightStd >= 0) || !(XRange > 0) || !(NoiseStd >= 0))
        {
            throw new ArgumentException("weight_std and noise_std must be >= 0 and x_range > 0");
        }
    }
}

/// <summary>
/// In-context datasets for energy-based ICL (paper digest 4.2). Each sequence is a fresh task drawn from its own
/// substream: a Gaussian mixture whose points the model reads in order, or a line y = w x + noise.
/// </summary>
/// <remarks>
/// Example (mixture, K = 3, T = 35, d = 2): Means (S, 3, 2) ~ N(0, 25 I); Points (S, 35, 2), point t of sequence s
/// is Means[s, Labels[s, t]] + 0.33 N(0, I); Labels (S, 35) uniform in {0, 1, 2}.
/// Example (regression): Weights (S); Points (S, 35, 2) with rows (x, y), x ~ U(-15, 15), y = w x + 0.5 N(0, 1).
/// </remarks>
public static class InContextDatasets
{
    /// <summary>Points (S, T, d), labels (S, T) and means (S, K, d) of Gaussian-mixture sequences.</summary>
    public static (float[] Points, int[] Labels, float[] Means) GaussianMixture(GaussianMixtureIclConfig config, ulong seed)
    {
        config.Validate();
        int t = config.Points;
        int k = config.Components;
        int d = config.Dim;
        var points = new float[(long)config.Sequences * t * d];
        var labels = new int[config.Sequences * t];
        var means = new float[(long)config.Sequences * k * d];
        var rng = new Rng(0);
        for (int s = 0; s < config.Sequences; s++)
        {
            rng.Reseed(Rng.DeriveSeed(Rng.DeriveSeed(seed, "gmm-icl"), (ulong)s));
            var mu = new double[k * d];
            for (int i = 0; i < mu.Length; i++)
            {
                mu[i] = config.MeanStd * rng.NextNormal();
                means[s * k * d + i] = (float)mu[i];
            }
            for (int p = 0; p < t; p++)
            {
                int c = rng.NextInt(k);
                labels[s * t + p] = c;
                for (int j = 0; j < d; j++)
                {
                    points[(s * t + p) * d + j] = (float)(mu[c * d + j] + config.ComponentStd * rng.NextNormal());
                }
            }
        }
        return (points, labels, means);
    }

    /// <summary>Points (S, T, 2) as (x, y) rows and slopes (S) of linear-regression sequences.</summary>
    public static (float[] Points, float[] Weights) LinearRegression(LinearRegressionIclConfig config, ulong seed)
    {
        config.Validate();
        int t = config.Points;
        var points = new float[(long)config.Sequences * t * 2];
        var weights = new float[config.Sequences];
        var rng = new Rng(0);
        for (int s = 0; s < config.Sequences; s++)
        {
            rng.Reseed(Rng.DeriveSeed(Rng.DeriveSeed(seed, "linreg-icl"), (ulong)s));
            double w = config.WeightStd * rng.NextNormal();
            weights[s] = (float)w;
            for (int p = 0; p < t; p++)
            {
                double x = (2 * rng.NextDouble() - 1) * config.XRange;
                double y = w * x + config.NoiseStd * rng.NextNormal();
                points[(s * t + p) * 2] = (float)x;
                points[(s * t + p) * 2 + 1] = (float)y;
            }
        }
        return (points, weights);
    }
}
