namespace Trainer.Training.Config;

/// <summary>
/// Allowed numeric interval for a config property (inclusive unless told otherwise): <c>Min &lt;= x &lt;= Max</c>.
/// On an array or list it applies to every element. Checked after binding, on defaults and overrides alike.
/// </summary>
/// <example><c>[Range(0, 1, MinExclusive = true)] public double Lr { get; init; } = 3e-4;</c> means 0 &lt; lr &lt;= 1.</example>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class RangeAttribute : Attribute
{
    /// <summary>Allows values in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public RangeAttribute(double min, double max)
    {
        Min = min;
        Max = max;
    }

    /// <summary>Lower bound.</summary>
    public double Min { get; }

    /// <summary>Upper bound.</summary>
    public double Max { get; }

    /// <summary>When true the lower bound itself is not allowed.</summary>
    public bool MinExclusive { get; set; }

    /// <summary>When true the upper bound itself is not allowed.</summary>
    public bool MaxExclusive { get; set; }
}
