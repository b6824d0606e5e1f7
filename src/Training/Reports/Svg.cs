using System.Globalization;
using System.Net;
using Trainer.Training.Logging.Png;

namespace Trainer.Training.Reports;

/// <summary>Text helpers for writing SVG by hand: invariant numbers, escaped text, colours.</summary>
public static class Svg
{
    /// <summary>A coordinate with at most two decimals, invariant culture ("12.5", "-3").</summary>
    public static string F(double value) =>
        double.IsFinite(value) ? Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture) : "0";

    /// <summary>Text escaped for element content and attribute values.</summary>
    public static string Esc(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A colour as CSS hex.</summary>
    public static string C(Rgba colour) => Palette.Hex(colour);
}
