using System.Globalization;
using System.Text;

namespace Trainer.Torch.Nn;

/// <summary>Formats values the way Python's <c>repr</c> does, for PyTorch-identical module strings.</summary>
internal static class PyRepr
{
    /// <summary>True/False.</summary>
    public static string Bool(bool b) => b ? "True" : "False";

    /// <summary>
    /// Python's float repr: the shortest round-trip digits, positional for decimal exponents in [-4, 16)
    /// ("0.0001", "1.0") and scientific otherwise ("1e-05", "1e+16").
    /// </summary>
    public static string Float(double d)
    {
        if (double.IsNaN(d))
        {
            return "nan";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "inf" : "-inf";
        }

        if (d == 0)
        {
            return double.IsNegative(d) ? "-0.0" : "0.0";
        }

        var (digits, exponent) = ShortestDigits(Math.Abs(d));
        string sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16)
        {
            string mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            return $"{sign}{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
        }

        return sign + Positional(digits, exponent);
    }

    /// <summary>Significant digits (no leading/trailing zeros) and the decimal exponent of the first one.</summary>
    private static (string digits, int exponent) ShortestDigits(double abs)
    {
        string r = abs.ToString("R", CultureInfo.InvariantCulture);
        int exp = 0;
        int e = r.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            exp = int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
            r = r[..e];
        }

        int dot = r.IndexOf('.', StringComparison.Ordinal);
        string intPart = dot >= 0 ? r[..dot] : r;
        string frac = dot >= 0 ? r[(dot + 1)..] : "";
        string all = intPart + frac;
        int firstNonZero = 0;
        while (firstNonZero < all.Length - 1 && all[firstNonZero] == '0')
        {
            firstNonZero++;
        }

        int exponent = exp + intPart.Length - 1 - firstNonZero;
        string digits = all[firstNonZero..].TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, exponent);
    }

    private static string Positional(string digits, int exponent)
    {
        var sb = new StringBuilder();
        if (exponent < 0)
        {
            sb.Append("0.").Append('0', -exponent - 1).Append(digits);
            return sb.ToString();
        }

        if (digits.Length <= exponent + 1)
        {
            return sb.Append(digits).Append('0', exponent + 1 - digits.Length).Append(".0").ToString();
        }

        return sb.Append(digits, 0, exponent + 1).Append('.').Append(digits, exponent + 1, digits.Length - exponent - 1).ToString();
    }

    /// <summary>A Python tuple of integers: "(8,)" or "(2, 3)".</summary>
    public static string Tuple(IReadOnlyList<long> values) =>
        values.Count == 1 ? $"({values[0]},)" : "(" + string.Join(", ", values) + ")";
}
