using System.Text;

namespace Trainer.Training.Reports;

/// <summary>
/// Heat map of a matrix (rows top to bottom, columns left to right), one &lt;rect&gt; per cell coloured by the
/// sequential palette from 0 to the largest value, labelled rows and columns (every k-th when many) and a
/// colour bar with its scale as the legend.
/// </summary>
public static class SvgHeatMap
{
    public static string Render(PlotLabels labels, IReadOnlyList<double[]> values, IReadOnlyList<string> rowLabels, IReadOnlyList<string> colLabels, string scaleLabel)
    {
        int rows = values.Count;
        int cols = rows == 0 ? 0 : values.Max(r => r.Length);
        int cell = Math.Clamp(420 / Math.Max(1, Math.Max(rows, cols)), 4, 28);
        var area = new PlotArea(Width: 72 + (cell * cols) + 24, Height: 40 + (cell * rows) + 56, Left: 72, Right: 24, Top: 40, Bottom: 56);
        area = area.WithLegend(110) with { Width = Math.Max(area.Width, 420), Height = Math.Max(area.Height, 260) };
        double max = values.SelectMany(r => r).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        max = max > 0 ? max : 1;

        var sb = new StringBuilder();
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" data-plot=\"{Svg.Esc(labels.Name)}\" width=\"{area.Width}\" height=\"{area.Height}\" viewBox=\"0 0 {area.Width} {area.Height}\" role=\"img\" aria-label=\"{Svg.Esc(labels.Title)}\">");
        sb.Append($"<title>{Svg.Esc(labels.Title)}</title><rect class=\"background\" width=\"{area.Width}\" height=\"{area.Height}\" fill=\"#ffffff\"/>");
        sb.Append($"<text class=\"plot-title\" x=\"{Svg.F(area.Width / 2.0)}\" y=\"22\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"14\" font-weight=\"bold\">{Svg.Esc(labels.Title)}</text>");
        sb.Append("<g class=\"data\">");
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < values[i].Length; j++)
            {
                double v = values[i][j];
                sb.Append($"<rect x=\"{area.Left + (j * cell)}\" y=\"{area.Top + (i * cell)}\" width=\"{cell}\" height=\"{cell}\" fill=\"{Svg.C(Palette.Ramp(v / max))}\"><title>{Svg.Esc($"{rowLabels.ElementAtOrDefault(i)} -> {colLabels.ElementAtOrDefault(j)}: {Svg.F(v * 100) }%")}</title></rect>");
            }
        }

        sb.Append("</g>");
        Axes(sb, area, labels, rows, cols, cell, rowLabels, colLabels);
        ColourBar(sb, area.Left + (cols * cell) + 28, area.Top, Math.Max(120, rows * cell), max, scaleLabel);
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static void Axes(StringBuilder sb, PlotArea area, PlotLabels labels, int rows, int cols, int cell, IReadOnlyList<string> rowLabels, IReadOnlyList<string> colLabels)
    {
        sb.Append("<g class=\"axes\" font-family=\"sans-serif\" font-size=\"10\" fill=\"#222\">");
        int rowStep = Math.Max(1, (int)Math.Ceiling(rows * 11.0 / Math.Max(1, rows * cell)));
        int colStep = Math.Max(1, (int)Math.Ceiling(cols * 16.0 / Math.Max(1, cols * cell)));
        for (int i = 0; i < rows; i += rowStep)
        {
            sb.Append($"<text x=\"{area.Left - 4}\" y=\"{Svg.F(area.Top + ((i + 0.5) * cell) + 3)}\" text-anchor=\"end\">{Svg.Esc(rowLabels.ElementAtOrDefault(i) ?? "")}</text>");
        }

        double bottom = area.Top + (rows * cell);
        for (int j = 0; j < cols; j += colStep)
        {
            sb.Append($"<text x=\"{Svg.F(area.Left + ((j + 0.5) * cell))}\" y=\"{Svg.F(bottom + 13)}\" text-anchor=\"middle\">{Svg.Esc(colLabels.ElementAtOrDefault(j) ?? "")}</text>");
        }

        sb.Append($"<rect x=\"{area.Left}\" y=\"{area.Top}\" width=\"{cols * cell}\" height=\"{rows * cell}\" fill=\"none\" stroke=\"#222\"/>");
        double midX = area.Left + (cols * cell / 2.0);
        double midY = area.Top + (rows * cell / 2.0);
        sb.Append($"<text class=\"x-label\" x=\"{Svg.F(midX)}\" y=\"{Svg.F(bottom + 34)}\" text-anchor=\"middle\" font-size=\"12\">{Svg.Esc(labels.XLabel)}</text>");
        sb.Append($"<text class=\"y-label\" x=\"16\" y=\"{Svg.F(midY)}\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 16 {Svg.F(midY)})\">{Svg.Esc(labels.YLabel)}</text>");
        sb.Append("</g>");
    }

    private static void ColourBar(StringBuilder sb, double x, double y, double height, double max, string scaleLabel)
    {
        const int steps = 24;
        sb.Append("<g class=\"legend\" font-family=\"sans-serif\" font-size=\"10\">");
        for (int k = 0; k < steps; k++)
        {
            double t = 1 - ((k + 0.5) / steps);
            sb.Append($"<rect x=\"{Svg.F(x)}\" y=\"{Svg.F(y + (k * height / steps))}\" width=\"14\" height=\"{Svg.F((height / steps) + 0.5)}\" fill=\"{Svg.C(Palette.Ramp(t))}\"/>");
        }

        sb.Append($"<rect x=\"{Svg.F(x)}\" y=\"{Svg.F(y)}\" width=\"14\" height=\"{Svg.F(height)}\" fill=\"none\" stroke=\"#222\"/>");
        sb.Append($"<text x=\"{Svg.F(x + 18)}\" y=\"{Svg.F(y + 8)}\">{Svg.Esc(Svg.F(max))}</text>");
        sb.Append($"<text x=\"{Svg.F(x + 18)}\" y=\"{Svg.F(y + height)}\">0</text>");
        sb.Append($"<text x=\"{Svg.F(x + 7)}\" y=\"{Svg.F(y + height + 16)}\" text-anchor=\"middle\">{Svg.Esc(scaleLabel)}</text>");
        sb.Append("</g>");
    }
}
