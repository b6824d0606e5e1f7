using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Trainer.Training.Probes;
using Trainer.Training.Reports;
using Trainer.Training.Runs;
using Trainer.Training.Tests.Logging;
using Trainer.Training.Tests.Probes;
using Xunit.Abstractions;

namespace Trainer.Training.Tests.Reports;

[Collection(TinyProbeRunsCollection.Name)]
public partial class ReportWriterTests(TinyProbeRuns runs, ITestOutputHelper output)
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    /// <summary>The five trained runs plus a synthetic geometric one (Laplacian eigenvectors, probes.json only).</summary>
    private IReadOnlyList<RunFolder> Runs()
    {
        RunFolder synthetic = RunFolder.List(runs.Root, "laplacian").LastOrDefault() ?? MakeSynthetic();
        return [runs.Learned, runs.SelfEdges, runs.Frozen, runs.Gpt, runs.Node2Vec, synthetic];
    }

    private RunFolder MakeSynthetic()
    {
        RunFolder run = RunFolder.Create(runs.Root, "laplacian");
        run.WriteConfig(new { task = "synthetic", name = "laplacian" });
        var graph = SyntheticEmbeddings.PathStar();
        ProbeResults r = ProbeSuite.Run(new ProbeSubject { Embedding = SyntheticEmbeddings.Laplacian(graph, 4), Graph = graph }, label: run.Name, modelKind: "laplacian_eigenvectors");
        ProbeRunner.Write(run, r);
        return run;
    }

    [Fact]
    public void The_report_has_every_plot_with_data_and_the_markdown_carries_the_same_numbers()
    {
        string html = Path.Combine(runs.Root, "report-a", "report.html");
        ReportFiles files = ReportWriter.Write(Runs(), html);
        string text = File.ReadAllText(files.Html);
        string md = File.ReadAllText(files.Markdown);
        Assert.Equal(Path.ChangeExtension(files.Html, ".md"), files.Markdown);

        var svgs = SvgBlocks().Matches(text).Select(m => XElement.Parse(m.Value)).ToList();
        Assert.Equal(files.PlotNames, svgs.Select(s => (string?)s.Attribute("data-plot")));
        string[] expected = ["training-loss", "training-accuracy", "spectral-energy"];
        Assert.Equal(expected, files.PlotNames.Take(3));
        foreach (string kind in new[] { "distance-scatter", "projection-arm", "projection-depth", "associations" })
        {
            Assert.Equal(Runs().Count, files.PlotNames.Count(n => n.StartsWith(kind + "-", StringComparison.Ordinal)));
        }

        foreach (XElement svg in svgs)
        {
            string name = (string)svg.Attribute("data-plot")!;
            XElement data = svg.Descendants(Ns + "g").Single(g => (string?)g.Attribute("class") == "data");
            int marks = data.Descendants().Count(e => e.Name.LocalName is "polyline" or "circle" or "rect");
            Assert.True(marks >= 3, $"plot {name} has {marks} data marks");
            Assert.Contains(svg.Descendants(Ns + "text"), t => (string?)t.Attribute("class") == "plot-title");
            Assert.True(svg.Descendants(Ns + "text").Any(t => (string?)t.Attribute("class") == "x-label") && svg.Descendants(Ns + "text").Any(t => (string?)t.Attribute("class") == "y-label"), $"plot {name} lacks axis labels");
            Assert.Contains(svg.Descendants(Ns + "g"), g => (string?)g.Attribute("class") == "legend");
        }

        Assert.DoesNotContain("http://", text.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", text, StringComparison.Ordinal);
        foreach (string[] row in VerdictTable.Rows(ReportWriter.ShortNames(Runs().Select(r => ReportWriter.Load(r)).ToList())))
        {
            Assert.Contains("| " + string.Join(" | ", row) + " |", md);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(row[8]), text); // smooth25 with its control, in the HTML too
        }

        Assert.Contains(new VerdictRule().Describe(), md);
        Assert.Contains("geometric", md);
        Assert.Contains("associative", md);
        output.WriteLine(md);
    }

    [ChromiumFact]
    public void Chromium_renders_the_report_with_visible_plots()
    {
        string html = Path.Combine(runs.Root, "report-b", "report.html");
        ReportFiles files = ReportWriter.Write(Runs(), html);
        string artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        string screenshot = Path.Combine(artifacts, "report-screenshot.png");
        File.Delete(screenshot);
        string profile = Path.Combine(runs.Root, "chromium-profile");
        var psi = new ProcessStartInfo(ChromiumFactAttribute.Chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--hide-scrollbars", $"--user-data-dir={profile}", $"--screenshot={screenshot}", "--window-size=1400,3000",
            new Uri(files.Html).AbsoluteUri,
        })
        {
            psi.ArgumentList.Add(a);
        }

        using (var p = Process.Start(psi)!)
        {
            var stderr = p.StandardError.ReadToEndAsync();
            _ = p.StandardOutput.ReadToEndAsync();
            Assert.True(p.WaitForExit(120_000), "chromium did not finish in 120 s");
            Assert.True(File.Exists(screenshot), "no screenshot; chromium said: " + stderr.Result);
        }

        File.Copy(files.Html, Path.Combine(artifacts, "report.html"), overwrite: true);
        output.WriteLine("screenshot: " + screenshot);
        PngTestDecoder.Decoded png = PngTestDecoder.Decode(File.ReadAllBytes(screenshot));
        Assert.Equal(1400, png.Width);
        Assert.True(png.Height >= 1000);

        // Not blank: grey levels vary, and plot colours (the palette's first colour) appear in the page.
        double mean = 0;
        double sq = 0;
        int n = png.Width * png.Height;
        int blueish = 0;
        for (int i = 0; i < n; i++)
        {
            int r = png.Pixels[i * png.Channels];
            int g = png.Pixels[(i * png.Channels) + 1];
            int b = png.Pixels[(i * png.Channels) + 2];
            double grey = (r + g + b) / 3.0;
            mean += grey;
            sq += grey * grey;
            blueish += b > 150 && r < 80 ? 1 : 0;
        }

        mean /= n;
        double variance = (sq / n) - (mean * mean);
        Assert.True(variance > 100, $"screenshot looks blank: grey variance {variance:F1}");
        Assert.True(blueish > 500, $"few plot-coloured pixels: {blueish}");
    }

    [GeneratedRegex("<svg[\\s\\S]*?</svg>")]
    private static partial Regex SvgBlocks();
}
