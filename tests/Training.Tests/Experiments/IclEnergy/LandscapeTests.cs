using Trainer.Training.Experiments.IclEnergy;

namespace Trainer.Training.Tests.Experiments.IclEnergy;

public class LandscapeTests
{
    /// <summary>E = -sum_k exp(-|q - mu_k|^2 / 2) on an n x n grid over [-h, h]^2 (x along columns, y along rows).</summary>
    private static Landscape Wells(int n, double h, params (double X, double Y, double Depth)[] wells)
    {
        var e = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double x = -h + (2 * h * j / (n - 1)), y = -h + (2 * h * i / (n - 1));
                e[i, j] = -wells.Sum(w => w.Depth * Math.Exp(-(((x - w.X) * (x - w.X)) + ((y - w.Y) * (y - w.Y))) / 2));
            }
        }

        return new Landscape(e, h, [], wells.Select(w => (w.X, w.Y)).ToList(), []);
    }

    [Fact]
    public void Deepest_minima_are_the_wells_deepest_first()
    {
        // Grid step 0.5 over [-10, 10]: the wells sit on grid points.
        Landscape l = Wells(41, 10, (4, -3, 1.0), (-5, 6, 2.0));
        var minima = l.DeepestMinima(5);
        Assert.Equal(2, minima.Count);
        Assert.Equal((-5.0, 6.0), (minima[0].X, minima[0].Y));
        Assert.Equal((4.0, -3.0), (minima[1].X, minima[1].Y));
        Assert.True(minima[0].E < minima[1].E);
    }

    [Fact]
    public void Deepest_minima_keep_only_the_requested_count()
    {
        Landscape l = Wells(41, 10, (4, -3, 1.0), (-5, 6, 2.0), (0, 0, 3.0));
        var minima = l.DeepestMinima(1);
        Assert.Single(minima);
        Assert.Equal((0.0, 0.0), (minima[0].X, minima[0].Y));
    }

    [Fact]
    public void A_flat_landscape_has_no_strict_minimum()
    {
        Assert.Empty(new Landscape(new double[5, 5], 1, [], [], []).DeepestMinima(3));
    }

    [Fact]
    public void Mean_nearest_distance_averages_each_target_to_its_closest_candidate()
    {
        double d = Landscape.MeanNearestDistance([(0, 0), (10, 0)], [(3, 4), (10, 1), (100, 100)]);
        Assert.Equal((5 + 1) / 2.0, d, 12);
        Assert.True(double.IsNaN(Landscape.MeanNearestDistance([(0, 0)], [])));
    }

    [Fact]
    public void Raster_puts_positive_y_at_the_top_and_low_energy_dark()
    {
        // One well at the top-left corner (x = -h, y = +h) of a 9 x 9 grid.
        Landscape l = Wells(9, 4, (-4, 4, 5.0));
        byte[] rgb = LandscapeImages.Raster(l);
        int Brightness(int row, int col) => rgb[((row * 9) + col) * 3] + rgb[(((row * 9) + col) * 3) + 1] + rgb[(((row * 9) + col) * 3) + 2];
        Assert.True(Brightness(0, 0) < Brightness(8, 8), "the well (lowest energy) should be the darkest pixel, drawn top-left");
        Assert.True(Brightness(0, 0) < Brightness(8, 0));
    }

    [Fact]
    public void Svg_panels_draw_every_context_point_centre_and_minimum()
    {
        Landscape l = Wells(21, 10, (4, -3, 1.0), (-5, 6, 2.0)) with { Context = [(4.1, -3.2), (-5, 6.3), (4, -2.8)] };
        string svg = LandscapeImages.Svg("test", "t", [("n = 3", l), ("again", l)], minima: 2);
        Assert.Equal(2 * 3, Count(svg, "class=\"context\""));
        Assert.Equal(2 * 2, Count(svg, "class=\"centre\""));
        Assert.Equal(2 * 2, Count(svg, "class=\"minimum\""));
        Assert.Equal(2, Count(svg, "data:image/png;base64,"));
        Assert.StartsWith("<svg", svg);
        Assert.EndsWith("</svg>", svg);
    }

    private static int Count(string text, string part)
    {
        int n = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
