using System.Text;
using Trainer.Training.Logging.Png;

namespace Trainer.Training.Reports;

/// <summary>One point of a scatter chart, with an optional hover title.</summary>
public sealed record ScatterPoint(double X, double Y, Rgba Colour, string? Title = null);

/// <summary>
/// Scatter chart: a dot per point (semi-transparent so overlaps read as density), optional overlay lines (e.g. a
/// mean per x), a legend on the right. Non-finite points are skipped.
/// </summary>
public static class SvgScatterChart
{
    public static string Render(
        PlotLabels labels,
        IReadOnlyList<ScatterPoint> points,
        IReadOnlyList<LegendItem> legend,
        IReadOnlyList<LineSeries>? overlays = null,
        string? legendHeading = null,
        double radius = 4)
    {
        overlays ??= [];
        PlotArea area = new PlotArea().WithLegend();
        var finite = points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        AxisScale x = AxisScale.Linear(finite.Select(p => p.X).Concat(overlays.SelectMany(o => o.Points.Select(q => q.X))), area.X0, area.X1);
        AxisScale y = AxisScale.Linear(finite.Select(p => p.Y).Concat(overlays.SelectMany(o => o.Points.Select(q => q.Y))), area.Y0, area.Y1);
        var sb = new StringBuilder();
        SvgPlotFrame.Open(sb, area, labels, x, y);
        SvgPlotFrame.OpenData(sb, area, labels.Name);
        foreach (ScatterPoint p in finite)
        {
            sb.Append($"<circle cx=\"{Svg.F(x.Map(p.X))}\" cy=\"{Svg.F(y.Map(p.Y))}\" r=\"{Svg.F(radius)}\" fill=\"{Svg.C(p.Colour)}\" fill-opacity=\"0.75\" stroke=\"#ffffff\" stroke-width=\"0.5\">");
            if (p.Title is not null)
            {
                sb.Append($"<title>{Svg.Esc(p.Title)}</title>");
            }

            sb.Append("</circle>");
        }

        foreach (LineSeries o in overlays)
        {
            string pts = string.Join(' ', o.Points.Where(q => double.IsFinite(q.X) && double.IsFinite(q.Y)).Select(q => Svg.F(x.Map(q.X)) + "," + Svg.F(y.Map(q.Y))));
            string dash = o.Dashed ? " stroke-dasharray=\"6 4\"" : "";
            sb.Append($"<polyline class=\"series\" data-series=\"{Svg.Esc(o.Name)}\" fill=\"none\" stroke=\"{Svg.C(o.Colour)}\" stroke-width=\"2.5\"{dash} points=\"{pts}\"/>");
        }

        SvgPlotFrame.CloseData(sb);
        SvgLegend.Write(sb, area, legend, legendHeading);
        SvgPlotFrame.Close(sb);
        return sb.ToString();
    }
}
