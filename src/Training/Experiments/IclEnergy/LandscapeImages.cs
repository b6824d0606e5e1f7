using System.Text;
using Trainer.Training.Logging.Png;
using Trainer.Training.Reports;

namespace Trainer.Training.Experiments.IclEnergy;

/// <summary>
/// Pictures of energy landscapes: an RGB raster per landscape (for TensorBoard images and the report) and an SVG row of
/// panels with the raster embedded as a PNG and the context points, true centres and deepest minima drawn on top.
/// Colours: the sequential palette over [min E, 90th percentile of E] of each panel, dark = low energy.
/// </summary>
public static class LandscapeImages
{
    private const int Panel = 220;
    private const int Gap = 26;
    private const int Left = 20;
    private const int Top = 48;

    /// <summary>RGB pixels (n, n, 3), row 0 at the top (y = +h), coloured by energy.</summary>
    public static byte[] Raster(Landscape l)
    {
        int n = l.Size;
        var (lo, hi) = Range(l);
        var pixels = new byte[n * n * 3];
        for (int i = 0; i < n; i++)
        {
            int row = n - 1 - i; // y grows upwards
            for (int j = 0; j < n; j++)
            {
                Rgba c = Palette.Ramp((l.Energy[i, j] - lo) / (hi - lo));
                int o = ((row * n) + j) * 3;
                pixels[o] = c.R;
                pixels[o + 1] = c.G;
                pixels[o + 2] = c.B;
            }
        }

        return pixels;
    }

    /// <summary>The raster upscaled by <paramref name="scale"/> with the Langevin samples in cyan, the context points in white and the centres in red.</summary>
    public static (byte[] Pixels, int Size) Marked(Landscape l, int scale)
    {
        int n = l.Size;
        int size = n * scale;
        byte[] small = Raster(l);
        var pixels = new byte[size * size * 3];
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                Array.Copy(small, (((y / scale) * n) + (x / scale)) * 3, pixels, ((y * size) + x) * 3, 3);
            }
        }

        void Dot((double X, double Y) p, Rgba colour, int radius)
        {
            int cx = (int)Math.Round((p.X + l.HalfWidth) / (2 * l.HalfWidth) * (size - 1));
            int cy = (int)Math.Round((l.HalfWidth - p.Y) / (2 * l.HalfWidth) * (size - 1));
            for (int dy = -radius; dy <= radius; dy++)
            {
                for (int dx = -radius; dx <= radius; dx++)
                {
                    int x = cx + dx, y = cy + dy;
                    if (x >= 0 && x < size && y >= 0 && y < size && (dx * dx) + (dy * dy) <= radius * radius)
                    {
                        int o = ((y * size) + x) * 3;
                        pixels[o] = colour.R;
                        pixels[o + 1] = colour.G;
                        pixels[o + 2] = colour.B;
                    }
                }
            }
        }

        foreach (var q in l.Samples)
        {
            Dot(q, new Rgba(0, 229, 255), 1);
        }

        foreach (var p in l.Context)
        {
            Dot(p, new Rgba(255, 255, 255), 2);
        }

        foreach (var c in l.Centres)
        {
            Dot(c, new Rgba(230, 30, 30), 2);
        }

        return (pixels, size);
    }

    /// <summary>A row of panels (caption, landscape) as one SVG, the K deepest minima marked with orange rings.</summary>
    public static string Svg(string name, string title, IReadOnlyList<(string Caption, Landscape Landscape)> panels, int minima)
    {
        int width = Left + (panels.Count * (Panel + Gap)) + 10;
        int height = Top + Panel + 80;
        var sb = new StringBuilder();
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" data-plot=\"{Reports.Svg.Esc(name)}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Reports.Svg.Esc(title)}\">");
        sb.Append($"<title>{Reports.Svg.Esc(title)}</title><rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>");
        sb.Append($"<text x=\"{Left}\" y=\"18\" font-family=\"sans-serif\" font-size=\"14\" font-weight=\"bold\">{Reports.Svg.Esc(title)}</text>");
        for (int p = 0; p < panels.Count; p++)
        {
            WritePanel(sb, Left + (p * (Panel + Gap)), Top, panels[p].Caption, panels[p].Landscape, minima);
        }

        double ly = Top + Panel + 40;
        sb.Append("<g font-family=\"sans-serif\" font-size=\"11\">");
        sb.Append($"<circle cx=\"{Left + 6}\" cy=\"{Reports.Svg.F(ly - 4)}\" r=\"3.5\" fill=\"#ffffff\" stroke=\"#000000\"/><text x=\"{Left + 14}\" y=\"{Reports.Svg.F(ly)}\">context point</text>");
        sb.Append($"<path d=\"M{Left + 110},{Reports.Svg.F(ly - 8)} l8,8 M{Left + 118},{Reports.Svg.F(ly - 8)} l-8,8\" stroke=\"#e61e1e\" stroke-width=\"2.5\"/><text x=\"{Left + 124}\" y=\"{Reports.Svg.F(ly)}\">true centre</text>");
        sb.Append($"<circle cx=\"{Left + 206}\" cy=\"{Reports.Svg.F(ly - 4)}\" r=\"6\" fill=\"none\" stroke=\"#ff9900\" stroke-width=\"2\"/><text x=\"{Left + 216}\" y=\"{Reports.Svg.F(ly)}\">{minima} deepest minima</text>");
        sb.Append($"<circle cx=\"{Left + 336}\" cy=\"{Reports.Svg.F(ly - 4)}\" r=\"2.5\" fill=\"#00e5ff\"/><text x=\"{Left + 344}\" y=\"{Reports.Svg.F(ly)}\">Langevin sample</text>");
        sb.Append($"<text x=\"{Left}\" y=\"{Reports.Svg.F(ly + 18)}\">colour: dark = low energy (per panel: min to 90th percentile of E)</text>");
        sb.Append("</g></svg>");
        return sb.ToString();
    }

    private static void WritePanel(StringBuilder sb, double x0, double y0, string caption, Landscape l, int minima)
    {
        double h = l.HalfWidth;
        double Px(double x) => x0 + ((x + h) / (2 * h) * Panel);
        double Py(double y) => y0 + ((h - y) / (2 * h) * Panel);
        string png = Convert.ToBase64String(PngEncoder.Encode(Raster(l), l.Size, l.Size, 3));
        sb.Append($"<text x=\"{Reports.Svg.F(x0)}\" y=\"{Reports.Svg.F(y0 - 8)}\" font-family=\"sans-serif\" font-size=\"12\">{Reports.Svg.Esc(caption)}</text>");
        sb.Append($"<image x=\"{Reports.Svg.F(x0)}\" y=\"{Reports.Svg.F(y0)}\" width=\"{Panel}\" height=\"{Panel}\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" href=\"data:image/png;base64,{png}\"/>");
        sb.Append($"<rect x=\"{Reports.Svg.F(x0)}\" y=\"{Reports.Svg.F(y0)}\" width=\"{Panel}\" height=\"{Panel}\" fill=\"none\" stroke=\"#222\"/>");
        sb.Append("<g class=\"data\">");
        foreach (var p in l.Context)
        {
            sb.Append($"<circle class=\"context\" cx=\"{Reports.Svg.F(Px(p.X))}\" cy=\"{Reports.Svg.F(Py(p.Y))}\" r=\"3\" fill=\"#ffffff\" stroke=\"#000000\" stroke-width=\"0.8\"/>");
        }

        foreach (var q in l.Samples.Where(q => Math.Abs(q.X) <= h && Math.Abs(q.Y) <= h))
        {
            sb.Append($"<circle class=\"sample\" cx=\"{Reports.Svg.F(Px(q.X))}\" cy=\"{Reports.Svg.F(Py(q.Y))}\" r=\"1.6\" fill=\"#00e5ff\"/>");
        }

        foreach (var c in l.Centres)
        {
            double cx = Px(c.X), cy = Py(c.Y);
            sb.Append($"<path class=\"centre\" d=\"M{Reports.Svg.F(cx - 4)},{Reports.Svg.F(cy - 4)} l8,8 M{Reports.Svg.F(cx + 4)},{Reports.Svg.F(cy - 4)} l-8,8\" stroke=\"#e61e1e\" stroke-width=\"2.5\"/>");
        }

        foreach (var m in l.DeepestMinima(minima))
        {
            sb.Append($"<circle class=\"minimum\" cx=\"{Reports.Svg.F(Px(m.X))}\" cy=\"{Reports.Svg.F(Py(m.Y))}\" r=\"6\" fill=\"none\" stroke=\"#ff9900\" stroke-width=\"2\"/>");
        }

        sb.Append("</g>");
        double by = y0 + Panel + 14;
        sb.Append($"<text x=\"{Reports.Svg.F(x0)}\" y=\"{Reports.Svg.F(by)}\" font-family=\"sans-serif\" font-size=\"10\">{Reports.Svg.Esc($"[-{h:0.#}, {h:0.#}]^2")}</text>");
        var (lo, hi) = Range(l);
        sb.Append($"<text x=\"{Reports.Svg.F(x0 + Panel)}\" y=\"{Reports.Svg.F(by)}\" text-anchor=\"end\" font-family=\"sans-serif\" font-size=\"10\">{Reports.Svg.Esc($"E from {lo:0.##} to {hi:0.##}")}</text>");
    }

    /// <summary>(min E, 90th percentile of E) of a landscape; a flat one gets a unit range.</summary>
    private static (double Lo, double Hi) Range(Landscape l)
    {
        var values = l.Energy.Cast<double>().Where(double.IsFinite).Order().ToArray();
        if (values.Length == 0)
        {
            return (0, 1);
        }

        double lo = values[0];
        double hi = values[(int)Math.Floor(0.9 * (values.Length - 1))];
        return hi > lo ? (lo, hi) : (lo, lo + 1);
    }
}
