using System.Globalization;
using Trainer.Training.Logging.Png;
using Trainer.Training.Probes;

namespace Trainer.Training.Reports;

/// <summary>
/// Raster versions of the two headline probe plots for TensorBoard's image tab (drawn on <see cref="RgbaCanvas"/>
/// with <see cref="PixelFont"/> labels): the spectral energy share per eigenvector, smooth to rough, with the
/// chance level, and the PCA of the node embeddings coloured by arm (by depth off stars).
/// </summary>
public static class PngCharts
{
    private const int W = 480;
    private const int H = 320;
    private const int Left = 56;
    private const int Right = 16;
    private const int Top = 26;
    private const int Bottom = 42;

    private static readonly Rgba White = new(255, 255, 255);
    private static readonly Rgba Ink = new(30, 30, 30);
    private static readonly Rgba Grid = new(225, 225, 225);

    /// <summary>(tag, canvas) pairs for the probes that produced data.</summary>
    public static IEnumerable<(string Tag, RgbaCanvas Canvas)> For(ProbeResults results)
    {
        if (results.Spectral is { } s)
        {
            yield return ("probe/spectral_energy", SpectralEnergy(s));
        }

        if (results.Projection.X.Length > 0)
        {
            yield return ("probe/pca", Projection(results.Projection, results.Nodes));
        }
    }

    /// <summary>Bars of energy_i / sum(energy) against eigenvector index, with a dashed chance line 1/(n-1).</summary>
    public static RgbaCanvas SpectralEnergy(SpectralResult s)
    {
        var canvas = new RgbaCanvas(W, H, White);
        double total = s.Energies.Sum();
        double[] share = s.Energies.Select(e => total > 0 ? e / total : 0).ToArray();
        double chance = 1.0 / Math.Max(1, share.Length);
        AxisScale x = AxisScale.Linear([0.5, share.Length + 0.5], Left, W - Right);
        AxisScale y = AxisScale.Linear(share.Append(chance), H - Bottom, Top, includeZero: true);
        Frame(canvas, x, y, "SPECTRAL ENERGY SHARE, SMOOTH TO ROUGH", "EIGENVECTOR INDEX I", "ENERGY SHARE");
        double barWidth = Math.Max(1, ((W - Left - Right) / (double)Math.Max(1, share.Length)) - 1);
        for (int i = 0; i < share.Length; i++)
        {
            int x0 = (int)Math.Round(x.Map(i + 1) - (barWidth / 2));
            int y0 = (int)Math.Round(y.Map(share[i]));
            bool smooth = i < s.M;
            bool rough = i >= share.Length - s.M;
            Rgba colour = smooth ? Palette.Category(0) : rough ? Palette.Category(3) : Palette.Category(7);
            canvas.FillRect(x0, y0, (int)barWidth, (int)Math.Round(y.Map(0)) - y0, colour);
        }

        int cy = (int)Math.Round(y.Map(chance));
        for (int px = Left; px < W - Right; px += 6)
        {
            canvas.DrawLine(px, cy, Math.Min(px + 3, W - Right), cy, Ink);
        }

        return canvas;
    }

    /// <summary>Points at the two principal coordinates, coloured by arm (or by depth when the graph has no arms).</summary>
    public static RgbaCanvas Projection(Projection2D p, NodeMetadata nodes)
    {
        var canvas = new RgbaCanvas(W, H, White);
        AxisScale x = AxisScale.Linear(p.X, Left, W - Right);
        AxisScale y = AxisScale.Linear(p.Y, H - Bottom, Top);
        bool arms = nodes.Arm.Any(a => a >= 0);
        int maxDepth = Math.Max(1, nodes.Depth.DefaultIfEmpty(0).Max());
        Frame(canvas, x, y, arms ? "PCA OF NODE EMBEDDINGS, COLOUR = ARM" : "PCA OF NODE EMBEDDINGS, COLOUR = DEPTH",
            string.Create(CultureInfo.InvariantCulture, $"PC1 ({p.ExplainedVariance[0]:P0} VAR)"),
            string.Create(CultureInfo.InvariantCulture, $"PC2 ({p.ExplainedVariance[1]:P0} VAR)"));
        for (int i = 0; i < p.X.Length; i++)
        {
            Rgba colour = arms ? Palette.Category(nodes.Arm[i]) : Palette.Ramp(nodes.Depth[i] / (double)maxDepth);
            canvas.FillRect((int)Math.Round(x.Map(p.X[i])) - 2, (int)Math.Round(y.Map(p.Y[i])) - 2, 5, 5, colour);
        }

        return canvas;
    }

    private static void Frame(RgbaCanvas canvas, AxisScale x, AxisScale y, string title, string xLabel, string yLabel)
    {
        foreach (double t in y.Ticks)
        {
            int py = (int)Math.Round(y.Map(t));
            canvas.DrawLine(Left, py, W - Right, py, Grid);
            string label = y.Label(t);
            PixelFont.Draw(canvas, Left - 4 - PixelFont.Width(label), py - 3, label, Ink);
        }

        foreach (double t in x.Ticks.Where(t => t >= x.Min && t <= x.Max))
        {
            int px = (int)Math.Round(x.Map(t));
            canvas.DrawLine(px, H - Bottom, px, H - Bottom + 3, Ink);
            string label = x.Label(t);
            PixelFont.Draw(canvas, px - (PixelFont.Width(label) / 2), H - Bottom + 6, label, Ink);
        }

        canvas.DrawLine(Left, Top, Left, H - Bottom, Ink);
        canvas.DrawLine(Left, H - Bottom, W - Right, H - Bottom, Ink);
        PixelFont.Draw(canvas, (W - PixelFont.Width(title)) / 2, 8, title, Ink);
        PixelFont.Draw(canvas, Left + ((W - Left - Right - PixelFont.Width(xLabel)) / 2), H - 14, xLabel, Ink);
        PixelFont.DrawVertical(canvas, 6, Top + ((H - Top - Bottom + PixelFont.Width(yLabel)) / 2), yLabel, Ink);
    }
}
