using System.Globalization;

namespace Trainer.Bench;

/// <summary>Invariant-culture number text with about four significant digits, for tables.</summary>
internal static class NumberFormat
{
    public static string Short(double v)
    {
        if (double.IsNaN(v))
        {
            return "-";
        }

        double a = Math.Abs(v);
        string format = a >= 1000 ? "F0" : a >= 100 ? "F1" : a >= 10 ? "F2" : "F3";
        return v.ToString(format, CultureInfo.InvariantCulture);
    }

    public static string Ratio(double v) => double.IsNaN(v) ? "-" : v.ToString("F2", CultureInfo.InvariantCulture);

    public static string Megabytes(long bytes) =>
        bytes < 0 ? "-" : (bytes / (1024.0 * 1024.0)).ToString("F0", CultureInfo.InvariantCulture);
}
