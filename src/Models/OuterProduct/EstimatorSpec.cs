using System.Globalization;

namespace Trainer.Models.OuterProduct;

/// <summary>Kinds of count-based estimator.</summary>
public enum EstimatorKind
{
    /// <summary>q = (n_x / T)^rho on seen tokens.</summary>
    Rho,

    /// <summary>q = (n_x / T)^rho on the P most frequent seen tokens.</summary>
    Threshold,

    /// <summary>q = f_gamma^(n_x)(0), the SGD saturating-update approximation.</summary>
    Sgd,
}

/// <summary>
/// One count-based estimator of a sweep. For thresholding, P is either fixed (<see cref="Keep"/>) or grows with the
/// memory size, P = max(1, floor(<see cref="KeepPerDim"/> * d)) (the paper's figure uses P = d / 12).
/// </summary>
public sealed record EstimatorSpec
{
    public EstimatorKind Kind { get; init; }

    /// <summary>Exponent rho (Rho and Threshold).</summary>
    public double Rho { get; init; }

    /// <summary>Fixed P for Threshold (used when &gt; 0).</summary>
    public int Keep { get; init; }

    /// <summary>P per memory dimension for Threshold when <see cref="Keep"/> is 0.</summary>
    public double KeepPerDim { get; init; } = 1.0 / 12;

    /// <summary>Step gamma of the SGD approximation.</summary>
    public double Gamma { get; init; } = 1;

    /// <summary>q_rho.</summary>
    public static EstimatorSpec Frequency(double rho) => new() { Kind = EstimatorKind.Rho, Rho = rho };

    /// <summary>Top-P thresholding with P = floor(perDim * d).</summary>
    public static EstimatorSpec Thresholding(double rho = 0, double perDim = 1.0 / 12) =>
        new() { Kind = EstimatorKind.Threshold, Rho = rho, KeepPerDim = perDim };

    /// <summary>Top-P thresholding with a fixed P.</summary>
    public static EstimatorSpec ThresholdingFixed(int keep, double rho = 0) => new() { Kind = EstimatorKind.Threshold, Rho = rho, Keep = keep };

    /// <summary>The SGD approximation with step gamma.</summary>
    public static EstimatorSpec SgdApproximation(double gamma) => new() { Kind = EstimatorKind.Sgd, Gamma = gamma };

    /// <summary>The four estimators of the benchmark sweep: rho = 0, rho = 1, thresholding (P = d/12), SGD (gamma = 10).</summary>
    public static IReadOnlyList<EstimatorSpec> Standard { get; } =
        [Frequency(0), Frequency(1), Thresholding(), SgdApproximation(10)];

    /// <summary>P used at memory size <paramref name="dim"/>.</summary>
    public int KeepAt(int dim) => Keep > 0 ? Keep : Math.Max(1, (int)Math.Floor(KeepPerDim * dim));

    /// <summary>q(x) for every token, from counts of <paramref name="samples"/> draws, at memory size d and M classes.</summary>
    public double[] Weights(ReadOnlySpan<int> counts, long samples, int dim, int classes) => Kind switch
    {
        EstimatorKind.Rho => CountEstimators.Rho(counts, samples, Rho),
        EstimatorKind.Threshold => CountEstimators.Threshold(counts, samples, Rho, KeepAt(dim)),
        _ => CountEstimators.Sgd(counts, Gamma, classes),
    };

    /// <summary>A short name: "rho=0", "threshold(rho=0,P=d/12)", "sgd(gamma=10)".</summary>
    public string Name => Kind switch
    {
        EstimatorKind.Rho => $"rho={F(Rho)}",
        EstimatorKind.Threshold => Keep > 0 ? $"threshold(rho={F(Rho)},P={Keep})" : $"threshold(rho={F(Rho)},P={F(KeepPerDim)}d)",
        _ => $"sgd(gamma={F(Gamma)})",
    };

    public override string ToString() => Name;

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
