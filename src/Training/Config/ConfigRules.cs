using System.Globalization;
using System.Reflection;
using Annotations = System.ComponentModel.DataAnnotations;

namespace Trainer.Training.Config;

/// <summary>
/// The per-value rules on a property: <see cref="RangeAttribute"/>, <see cref="OneOfAttribute"/>, and their
/// System.ComponentModel.DataAnnotations counterparts (<c>[Range]</c>, <c>[AllowedValues]</c>) so that config
/// records in projects that cannot reference Trainer.Training (Models, Data) can still declare them.
/// </summary>
internal static class ConfigRules
{
    /// <summary>True when <paramref name="value"/> (a scalar, never null) passes every rule on the property.</summary>
    public static bool Accepts(PropertyInfo property, object value)
    {
        var range = property.GetCustomAttribute<RangeAttribute>();
        if (range is not null && !InRange(range, Convert.ToDouble(value, CultureInfo.InvariantCulture)))
        {
            return false;
        }
        var oneOf = property.GetCustomAttribute<OneOfAttribute>();
        if (oneOf is not null && !(value is string s && oneOf.Values.Contains(s)))
        {
            return false;
        }
        return property.GetCustomAttributes<Annotations.ValidationAttribute>()
            .Where(a => a is Annotations.RangeAttribute or Annotations.AllowedValuesAttribute)
            .All(a => a.IsValid(value));
    }

    /// <summary>What the rules allow, e.g. <c>0 &lt; value &lt;= 1</c> or <c>a, b</c>; null when unrestricted.</summary>
    public static string? Allowed(PropertyInfo property, ConfigType type)
    {
        var parts = new List<string>();
        if (property.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            parts.Add(Interval(range.Min, range.Max, range.MinExclusive, range.MaxExclusive));
        }
        if (property.GetCustomAttribute<Annotations.RangeAttribute>() is { } bcl)
        {
            parts.Add(Interval(Convert.ToDouble(bcl.Minimum, CultureInfo.InvariantCulture),
                Convert.ToDouble(bcl.Maximum, CultureInfo.InvariantCulture), bcl.MinimumIsExclusive, bcl.MaximumIsExclusive));
        }
        if (property.GetCustomAttribute<OneOfAttribute>() is { } oneOf)
        {
            parts.Add(string.Join(", ", oneOf.Values));
        }
        if (property.GetCustomAttribute<Annotations.AllowedValuesAttribute>() is { } allowed)
        {
            parts.Add(string.Join(", ", allowed.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
        }
        var scalar = type.Element ?? type;
        if (scalar.Kind == ConfigKind.Enum)
        {
            parts.Add(string.Join(", ", KeyNames.EnumNames(scalar.Clr)));
        }
        return parts.Count == 0 ? null : string.Join("; ", parts) + (type.Element is null ? "" : " (each element)");
    }

    /// <summary>The help text from <see cref="DescriptionAttribute"/> or System.ComponentModel's.</summary>
    public static string? Description(PropertyInfo property) =>
        property.GetCustomAttribute<DescriptionAttribute>()?.Text
        ?? property.GetCustomAttribute<System.ComponentModel.DescriptionAttribute>()?.Description;

    private static bool InRange(RangeAttribute range, double x) =>
        (range.MinExclusive ? x > range.Min : x >= range.Min) && (range.MaxExclusive ? x < range.Max : x <= range.Max);

    // Bounds at the edge of a numeric type read as "no bound": [Range(0, int.MaxValue)] says "value >= 0".
    private static string Interval(double min, double max, bool minExclusive, bool maxExclusive)
    {
        var hasMin = min > -1e300 && min != int.MinValue && min != long.MinValue;
        var hasMax = max < 1e300 && max != int.MaxValue && max != long.MaxValue;
        var low = $"{Number(min)} {(minExclusive ? "<" : "<=")} ";
        var high = $" {(maxExclusive ? "<" : "<=")} {Number(max)}";
        return (hasMin, hasMax) switch
        {
            (true, true) => low + "value" + high,
            (true, false) => $"value {(minExclusive ? ">" : ">=")} {Number(min)}",
            (false, true) => "value" + high,
            _ => "any number",
        };
    }

    private static string Number(double x) => x.ToString("G", CultureInfo.InvariantCulture);
}
