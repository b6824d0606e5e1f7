namespace Trainer.Bench;

/// <summary>
/// A goal on the ratio ours / peer. For a lower-better unit the goal is met when ratio &lt;= <see cref="Ratio"/>;
/// for a higher-better unit when ratio &gt;= <see cref="Ratio"/>.
/// </summary>
/// <param name="Ratio">The threshold on ours / peer.</param>
/// <param name="Source">Where the goal comes from (an issue section), for the report.</param>
public sealed record Target(double Ratio, string Source)
{
    /// <summary>True when <paramref name="ratio"/> meets the goal in the direction <paramref name="better"/>.</summary>
    public bool IsMet(double ratio, Better better) => better == Better.Lower ? ratio <= Ratio : ratio >= Ratio;

    /// <summary>The goal as text, e.g. "<= 0.50" or ">= 0.95".</summary>
    public string Describe(Better better) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(better == Better.Lower ? "<=" : ">=")} {Ratio:0.00}");
}
