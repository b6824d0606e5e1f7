using System.Text;

namespace Trainer.Training.Reports;

/// <summary>
/// The frame every chart shares: the &lt;svg&gt; element (class "plot", <c>data-plot</c> = the plot's name), a
/// white background, grid lines at the ticks, both axes with tick marks and tick labels, the axis labels (the y
/// label rotated) and the title. Charts write their marks between <see cref="Open"/> and <see cref="Close"/>
/// inside <c>&lt;g class="data"&gt;</c>, which <see cref="OpenData"/> clips to the data area.
/// </summary>
public static class SvgPlotFrame
{
    /// <summary>Writes the opening of the plot: svg element, title, grid, axes, labels.</summary>
    public static void Open(StringBuilder sb, PlotArea area, PlotLabels labels, AxisScale x, AxisScale y)
    {
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" data-plot=\"{Svg.Esc(labels.Name)}\" ");
        sb.Append($"width=\"{area.Width}\" height=\"{area.Height}\" viewBox=\"0 0 {area.Width} {area.Height}\" role=\"img\" aria-label=\"{Svg.Esc(labels.Title)}\">");
        sb.Append($"<title>{Svg.Esc(labels.Title)}</title>");
        sb.Append($"<rect class=\"background\" x=\"0\" y=\"0\" width=\"{area.Width}\" height=\"{area.Height}\" fill=\"#ffffff\"/>");
        Grid(sb, area, x, y);
        Axes(sb, area, labels, x, y);
        sb.Append($"<text class=\"plot-title\" x=\"{Svg.F(area.Width / 2.0)}\" y=\"22\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"14\" font-weight=\"bold\">{Svg.Esc(labels.Title)}</text>");
    }

    /// <summary>Opens the clipped data group (call once, after <see cref="Open"/>).</summary>
    public static void OpenData(StringBuilder sb, PlotArea area, string id)
    {
        string clip = "clip-" + id;
        sb.Append($"<defs><clipPath id=\"{Svg.Esc(clip)}\"><rect x=\"{Svg.F(area.X0)}\" y=\"{Svg.F(area.Y1)}\" width=\"{Svg.F(area.X1 - area.X0)}\" height=\"{Svg.F(area.Y0 - area.Y1)}\"/></clipPath></defs>");
        sb.Append($"<g class=\"data\" clip-path=\"url(#{Svg.Esc(clip)})\">");
    }

    /// <summary>Closes the data group.</summary>
    public static void CloseData(StringBuilder sb) => sb.Append("</g>");

    /// <summary>Closes the svg element.</summary>
    public static void Close(StringBuilder sb) => sb.Append("</svg>");

    private static void Grid(StringBuilder sb, PlotArea area, AxisScale x, AxisScale y)
    {
        sb.Append("<g class=\"grid\" stroke=\"#e6e6e6\" stroke-width=\"1\">");
        foreach (double t in x.Ticks)
        {
            double px = x.Map(t);
            sb.Append($"<line x1=\"{Svg.F(px)}\" y1=\"{Svg.F(area.Y1)}\" x2=\"{Svg.F(px)}\" y2=\"{Svg.F(area.Y0)}\"/>");
        }

        foreach (double t in y.Ticks)
        {
            double py = y.Map(t);
            sb.Append($"<line x1=\"{Svg.F(area.X0)}\" y1=\"{Svg.F(py)}\" x2=\"{Svg.F(area.X1)}\" y2=\"{Svg.F(py)}\"/>");
        }

        sb.Append("</g>");
    }

    private static void Axes(StringBuilder sb, PlotArea area, PlotLabels labels, AxisScale x, AxisScale y)
    {
        sb.Append("<g class=\"axes\" font-family=\"sans-serif\" font-size=\"11\" fill=\"#222\">");
        sb.Append($"<line x1=\"{Svg.F(area.X0)}\" y1=\"{Svg.F(area.Y0)}\" x2=\"{Svg.F(area.X1)}\" y2=\"{Svg.F(area.Y0)}\" stroke=\"#222\"/>");
        sb.Append($"<line x1=\"{Svg.F(area.X0)}\" y1=\"{Svg.F(area.Y0)}\" x2=\"{Svg.F(area.X0)}\" y2=\"{Svg.F(area.Y1)}\" stroke=\"#222\"/>");
        foreach (double t in x.Ticks)
        {
            double px = x.Map(t);
            sb.Append($"<line x1=\"{Svg.F(px)}\" y1=\"{Svg.F(area.Y0)}\" x2=\"{Svg.F(px)}\" y2=\"{Svg.F(area.Y0 + 5)}\" stroke=\"#222\"/>");
            sb.Append($"<text x=\"{Svg.F(px)}\" y=\"{Svg.F(area.Y0 + 18)}\" text-anchor=\"middle\">{Svg.Esc(x.Label(t))}</text>");
        }

        foreach (double t in y.Ticks)
        {
            double py = y.Map(t);
            sb.Append($"<line x1=\"{Svg.F(area.X0 - 5)}\" y1=\"{Svg.F(py)}\" x2=\"{Svg.F(area.X0)}\" y2=\"{Svg.F(py)}\" stroke=\"#222\"/>");
            sb.Append($"<text x=\"{Svg.F(area.X0 - 8)}\" y=\"{Svg.F(py + 4)}\" text-anchor=\"end\">{Svg.Esc(y.Label(t))}</text>");
        }

        double midX = (area.X0 + area.X1) / 2;
        double midY = (area.Y0 + area.Y1) / 2;
        sb.Append($"<text class=\"x-label\" x=\"{Svg.F(midX)}\" y=\"{Svg.F(area.Height - 14)}\" text-anchor=\"middle\" font-size=\"12\">{Svg.Esc(labels.XLabel)}</text>");
        sb.Append($"<text class=\"y-label\" x=\"16\" y=\"{Svg.F(midY)}\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 16 {Svg.F(midY)})\">{Svg.Esc(labels.YLabel)}</text>");
        sb.Append("</g>");
    }
}
