using System.Text;
using Trainer.Training.Logging.Png;

namespace Trainer.Training.Reports;

/// <summary>One line of a line chart: points in data units, drawn in order; NaN points break the line.</summary>
public sealed record LineSeries(string Name, Rgba Colour, IReadOnlyList<(double X, double Y)> Points, bool Dashed = false, bool Markers = false);

/// <summary>A vertical or horizontal reference line (chance level, quarter boundaries) in data units.</summary>
public sealed record ReferenceLine(string Label, double Value, bool Vertical);

/// <summary>
/// Line chart: each series a polyline (optionally dashed, optionally with a dot per point), reference lines dotted in
/// grey and labelled, a legend on the right. The y axis may be logarithmic (non-positive values are dropped).
/// </summary>
public static class SvgLineChart
{
    public static string Render(PlotLabels labels, IReadOnlyList<LineSeries> series, bool logY = false, IReadOnlyList<ReferenceLine>? references = null, bool yFromZero = false)
    {
        references ??= [];
        PlotArea area = new PlotArea().WithLegend();
        var xs = series.SelectMany(s => s.Points.Select(p => p.X)).Concat(references.Where(r => r.Vertical).Select(r => r.Value));
        var ys = series.SelectMany(s => s.Points.Select(p => p.Y)).Concat(references.Where(r => !r.Vertical).Select(r => r.Value));
        AxisScale x = AxisScale.Linear(xs, area.X0, area.X1);
        AxisScale y = logY ? AxisScale.Log(ys, area.Y0, area.Y1) : AxisScale.Linear(ys, area.Y0, area.Y1, includeZero: yFromZero);
        var sb = new StringBuilder();
        SvgPlotFrame.Open(sb, area, labels, x, y);
        SvgPlotFrame.OpenData(sb, area, labels.Name);
        foreach (LineSeries s in series)
        {
            WriteSeries(sb, s, x, y, logY);
        }

        foreach (ReferenceLine r in references)
        {
            WriteReference(sb, area, r, x, y);
        }

        SvgPlotFrame.CloseData(sb);
        var legend = series.Select(s => new LegendItem(s.Name, s.Colour, s.Dashed ? LegendMark.DashedLine : LegendMark.Line)).ToList();
        SvgLegend.Write(sb, area, legend);
        SvgPlotFrame.Close(sb);
        return sb.ToString();
    }

    private static void WriteSeries(StringBuilder sb, LineSeries s, AxisScale x, AxisScale y, bool logY)
    {
        string colour = Svg.C(s.Colour);
        string dash = s.Dashed ? " stroke-dasharray=\"6 4\"" : "";
        var segment = new List<string>();
        void Flush()
        {
            if (segment.Count > 1)
            {
                sb.Append($"<polyline class=\"series\" data-series=\"{Svg.Esc(s.Name)}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{dash} points=\"{string.Join(' ', segment)}\"/>");
            }

            segment.Clear();
        }

        foreach (var (px, py) in s.Points)
        {
            if (!double.IsFinite(px) || !double.IsFinite(py) || (logY && py <= 0))
            {
                Flush();
                continue;
            }

            segment.Add(Svg.F(x.Map(px)) + "," + Svg.F(y.Map(py)));
            if (s.Markers || s.Points.Count == 1)
            {
                sb.Append($"<circle cx=\"{Svg.F(x.Map(px))}\" cy=\"{Svg.F(y.Map(py))}\" r=\"3\" fill=\"{colour}\"/>");
            }
        }

        Flush();
    }

    private static void WriteReference(StringBuilder sb, PlotArea area, ReferenceLine r, AxisScale x, AxisScale y)
    {
        const string style = "stroke=\"#777\" stroke-width=\"1.2\" stroke-dasharray=\"2 3\"";
        if (r.Vertical)
        {
            double px = x.Map(r.Value);
            sb.Append($"<line class=\"reference\" x1=\"{Svg.F(px)}\" y1=\"{Svg.F(area.Y0)}\" x2=\"{Svg.F(px)}\" y2=\"{Svg.F(area.Y1)}\" {style}/>");
            sb.Append($"<text x=\"{Svg.F(px + 3)}\" y=\"{Svg.F(area.Y1 + 12)}\" font-family=\"sans-serif\" font-size=\"10\" fill=\"#555\">{Svg.Esc(r.Label)}</text>");
        }
        else
        {
            double py = y.Map(r.Value);
            sb.Append($"<line class=\"reference\" x1=\"{Svg.F(area.X0)}\" y1=\"{Svg.F(py)}\" x2=\"{Svg.F(area.X1)}\" y2=\"{Svg.F(py)}\" {style}/>");
            sb.Append($"<text x=\"{Svg.F(area.X1 - 4)}\" y=\"{Svg.F(py - 4)}\" text-anchor=\"end\" font-family=\"sans-serif\" font-size=\"10\" fill=\"#555\">{Svg.Esc(r.Label)}</text>");
        }
    }
}
