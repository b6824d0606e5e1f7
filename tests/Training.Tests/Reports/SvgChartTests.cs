using System.Xml.Linq;
using Trainer.Training.Reports;

namespace Trainer.Training.Tests.Reports;

public class SvgChartTests
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    private static XElement Parse(string svg) => XElement.Parse(svg);

    private static XElement Data(XElement svg) => svg.Descendants(Ns + "g").Single(g => (string?)g.Attribute("class") == "data");

    [Fact]
    public void A_line_chart_is_valid_svg_with_one_polyline_per_series_axes_labels_and_a_legend()
    {
        var series = new[]
        {
            new LineSeries("run a <train>", Palette.Category(0), [(0, 2.0), (10, 1.0), (20, 0.5)]),
            new LineSeries("run a eval", Palette.Category(0), [(10, 1.2), (20, double.NaN), (30, 0.6)], Dashed: true, Markers: true),
        };
        XElement svg = Parse(SvgLineChart.Render(new PlotLabels("loss", "Loss & more", "training step", "loss (nats)"), series, logY: true));
        Assert.Equal("loss", (string?)svg.Attribute("data-plot"));
        Assert.Equal("Loss & more", svg.Element(Ns + "title")!.Value);
        XElement data = Data(svg);
        var lines = data.Elements(Ns + "polyline").ToList();
        Assert.Single(lines, l => (string?)l.Attribute("data-series") == "run a <train>");
        Assert.Equal(3, lines[0].Attribute("points")!.Value.Split(' ').Length);
        Assert.Equal(2, data.Elements(Ns + "circle").Count()); // eval markers at its two finite points
        var texts = svg.Descendants(Ns + "text").Select(t => t.Value).ToList();
        Assert.Contains("training step", texts);
        Assert.Contains("loss (nats)", texts);
        Assert.Contains("run a <train>", texts);
        Assert.Contains("1e0", texts); // a decade tick on the log axis
    }

    [Fact]
    public void A_scatter_chart_draws_a_dot_per_finite_point_and_overlays()
    {
        var points = Enumerable.Range(0, 12).Select(i => new ScatterPoint(i, i * i, Palette.Category(i % 3), $"p{i}")).Append(new ScatterPoint(double.NaN, 1, Palette.Neutral)).ToList();
        XElement svg = Parse(SvgScatterChart.Render(new PlotLabels("s", "S", "x (units)", "y (units)"), points,
            [new LegendItem("dots", Palette.Category(0), LegendMark.Dot)], [new LineSeries("mean", Palette.Category(3), [(0, 0), (11, 121)])]));
        XElement data = Data(svg);
        Assert.Equal(12, data.Elements(Ns + "circle").Count());
        Assert.Single(data.Elements(Ns + "polyline"));
        Assert.Equal("p5", data.Elements(Ns + "circle").ElementAt(5).Element(Ns + "title")!.Value);
    }

    [Fact]
    public void A_heat_map_has_a_cell_per_value_coloured_by_magnitude_and_a_colour_bar()
    {
        double[][] values = [[0, 0.5, 1], [1, 0, 0]];
        XElement svg = Parse(SvgHeatMap.Render(new PlotLabels("h", "H", "answer", "prompt"), values, ["a", "b"], ["x", "y", "z"], "probability"));
        var cells = Data(svg).Elements(Ns + "rect").ToList();
        Assert.Equal(6, cells.Count);
        Assert.Equal(Palette.Hex(Palette.Ramp(1)), (string?)cells[2].Attribute("fill"));
        Assert.Equal(Palette.Hex(Palette.Ramp(0)), (string?)cells[0].Attribute("fill"));
        Assert.NotEqual((string?)cells[1].Attribute("fill"), (string?)cells[2].Attribute("fill"));
        Assert.Contains(svg.Descendants(Ns + "g"), g => (string?)g.Attribute("class") == "legend");
        Assert.Contains("probability", svg.Descendants(Ns + "text").Select(t => t.Value));
    }
}
