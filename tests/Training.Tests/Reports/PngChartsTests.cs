using Trainer.Training.Logging.Png;
using Trainer.Training.Probes;
using Trainer.Training.Reports;
using Trainer.Training.Tests.Logging;
using Trainer.Training.Tests.Probes;

namespace Trainer.Training.Tests.Reports;

public class PngChartsTests
{
    [Fact]
    public void The_tensorboard_charts_decode_as_png_with_bars_points_and_lettering()
    {
        var graph = SyntheticEmbeddings.PathStar(3, 5);
        ProbeResults r = ProbeSuite.Run(new ProbeSubject { Embedding = SyntheticEmbeddings.Laplacian(graph, 3), Graph = graph });
        var charts = PngCharts.For(r).ToList();
        Assert.Equal(["probe/spectral_energy", "probe/pca"], charts.Select(c => c.Tag));
        foreach (var (_, canvas) in charts)
        {
            PngTestDecoder.Decoded png = PngTestDecoder.Decode(canvas.ToPng());
            Assert.Equal((canvas.Width, canvas.Height), (png.Width, png.Height));
            var colours = Enumerable.Range(0, png.Width * png.Height)
                .Select(i => (png.Pixels[4 * i], png.Pixels[(4 * i) + 1], png.Pixels[(4 * i) + 2]))
                .Distinct().Count();
            Assert.True(colours >= 4, $"only {colours} colours");
        }

        // The title row (y 8..14) holds dark lettering.
        RgbaCanvas spectral = charts[0].Canvas;
        int dark = 0;
        for (int y = 8; y < 15; y++)
        {
            for (int x = 0; x < spectral.Width; x++)
            {
                dark += spectral[x, y].R < 100 ? 1 : 0;
            }
        }

        Assert.True(dark > 100, $"title has {dark} dark pixels");
    }

    [Fact]
    public void Every_glyph_used_in_the_labels_exists_and_unknown_characters_draw_a_box()
    {
        var canvas = new RgbaCanvas(20, 10, new Rgba(255, 255, 255));
        PixelFont.Draw(canvas, 0, 0, "\u2603", new Rgba(0, 0, 0));
        Assert.Equal(0, canvas[0, 0].R);
        Assert.Equal(255, canvas[2, 3].R); // the box is hollow
        Assert.Equal(12, PixelFont.Width("ab"));
    }
}
