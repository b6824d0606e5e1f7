using System.Text;
using Trainer.Training.Logging.Png;

namespace Trainer.Training.Reports;

/// <summary>How a legend entry is drawn.</summary>
public enum LegendMark
{
    Line,
    DashedLine,
    Dot,
    Square,
}

/// <summary>One legend entry.</summary>
public sealed record LegendItem(string Label, Rgba Colour, LegendMark Mark);

/// <summary>A legend column to the right of the data area: a sample mark and a label per entry.</summary>
public static class SvgLegend
{
    /// <summary>Writes <c>&lt;g class="legend"&gt;</c> at the right margin of <paramref name="area"/>.</summary>
    public static void Write(StringBuilder sb, PlotArea area, IReadOnlyList<LegendItem> items, string? heading = null)
    {
        if (items.Count == 0)
        {
            return;
        }

        double x = area.X1 + 16;
        double y = area.Y1 + 6;
        sb.Append("<g class=\"legend\" font-family=\"sans-serif\" font-size=\"11\">");
        if (heading is not null)
        {
            sb.Append($"<text x=\"{Svg.F(x)}\" y=\"{Svg.F(y + 4)}\" font-weight=\"bold\">{Svg.Esc(heading)}</text>");
            y += 18;
        }

        foreach (LegendItem item in items)
        {
            string c = Svg.C(item.Colour);
            switch (item.Mark)
            {
                case LegendMark.Line:
                case LegendMark.DashedLine:
                    string dash = item.Mark == LegendMark.DashedLine ? " stroke-dasharray=\"5 3\"" : "";
                    sb.Append($"<line x1=\"{Svg.F(x)}\" y1=\"{Svg.F(y)}\" x2=\"{Svg.F(x + 22)}\" y2=\"{Svg.F(y)}\" stroke=\"{c}\" stroke-width=\"2\"{dash}/>");
                    break;
                case LegendMark.Dot:
                    sb.Append($"<circle cx=\"{Svg.F(x + 11)}\" cy=\"{Svg.F(y)}\" r=\"4\" fill=\"{c}\"/>");
                    break;
                default:
                    sb.Append($"<rect x=\"{Svg.F(x + 5)}\" y=\"{Svg.F(y - 6)}\" width=\"12\" height=\"12\" fill=\"{c}\"/>");
                    break;
            }

            string shown = Shorten(item.Label, 30);
            string hover = shown == item.Label ? "" : $"<title>{Svg.Esc(item.Label)}</title>";
            sb.Append($"<text x=\"{Svg.F(x + 28)}\" y=\"{Svg.F(y + 4)}\">{Svg.Esc(shown)}{hover}</text>");
            y += 18;
        }

        sb.Append("</g>");
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
