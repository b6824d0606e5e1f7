using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Trainer.Training.Experiments;

/// <summary>
/// An experiment's report: a title, paragraphs (the claim, the method, the verdict), tables of measurements beside
/// the theory, and figures (inline SVG). Written as a self-contained report.html (no network needed) and report.md,
/// and its tables as results.json.
/// </summary>
public sealed class ExperimentReport(string title)
{
    private readonly List<Block> _blocks = new();

    public string Title { get; } = title;

    public IReadOnlyList<Block> Blocks => _blocks;

    public ExperimentReport Heading(string text) => Add(new Block("h2", text, null, null));

    public ExperimentReport Paragraph(string text) => Add(new Block("p", text, null, null));

    /// <summary>A table; cells are formatted with invariant culture (doubles to 4 significant digits).</summary>
    public ExperimentReport Table(string caption, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows) =>
        Add(new Block("table", caption, header, rows.Select(r => (IReadOnlyList<string>)r.Select(Cell).ToList()).ToList()));

    /// <summary>A figure from an SVG document (drawn by Trainer.Training.Reports' plotting code or by hand).</summary>
    public ExperimentReport Figure(string caption, string svg) => Add(new Block("figure", caption, null, null) { Svg = svg });

    private ExperimentReport Add(Block b)
    {
        _blocks.Add(b);
        return this;
    }

    public static string Cell(object? v) => v switch
    {
        null => "",
        double d when double.IsNaN(d) => "n/a",
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        float f => f.ToString("G4", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    /// <summary>Writes report.html, report.md and results.json into <paramref name="folder"/>.</summary>
    public void Write(string folder)
    {
        Runs.AtomicFile.WriteText(Path.Combine(folder, "report.html"), ToHtml());
        Runs.AtomicFile.WriteText(Path.Combine(folder, "report.md"), ToMarkdown());
        Runs.AtomicFile.WriteText(Path.Combine(folder, "results.json"), ToJson());
    }

    public string ToMarkdown()
    {
        var sb = new StringBuilder().Append("# ").AppendLine(Title).AppendLine();
        foreach (Block b in _blocks)
        {
            switch (b.Kind)
            {
                case "h2": sb.Append("## ").AppendLine(b.Text).AppendLine(); break;
                case "p": sb.AppendLine(b.Text).AppendLine(); break;
                case "figure": sb.Append("*Figure: ").Append(b.Text).AppendLine("* (see report.html)").AppendLine(); break;
                case "table":
                    sb.Append("**").Append(b.Text).AppendLine("**").AppendLine();
                    sb.Append("| ").Append(string.Join(" | ", b.Header!)).AppendLine(" |");
                    sb.Append('|').Append(string.Concat(b.Header!.Select(_ => "---|"))).AppendLine();
                    foreach (var row in b.Rows!)
                    {
                        sb.Append("| ").Append(string.Join(" | ", row)).AppendLine(" |");
                    }

                    sb.AppendLine();
                    break;
            }
        }

        return sb.ToString();
    }

    public string ToHtml()
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(Title)).Append("</title>");
        sb.Append("<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:1em 0}");
        sb.Append("td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}th{background:#eee}caption{font-weight:bold;text-align:left;padding:4px 0}");
        sb.Append("figure{margin:1.5em 0}figcaption{font-size:90%;color:#444}</style></head><body>");
        sb.Append("<h1>").Append(WebUtility.HtmlEncode(Title)).Append("</h1>");
        foreach (Block b in _blocks)
        {
            switch (b.Kind)
            {
                case "h2": sb.Append("<h2>").Append(WebUtility.HtmlEncode(b.Text)).Append("</h2>"); break;
                case "p": sb.Append("<p>").Append(WebUtility.HtmlEncode(b.Text)).Append("</p>"); break;
                case "figure": sb.Append("<figure>").Append(b.Svg).Append("<figcaption>").Append(WebUtility.HtmlEncode(b.Text)).Append("</figcaption></figure>"); break;
                case "table":
                    sb.Append("<table><caption>").Append(WebUtility.HtmlEncode(b.Text)).Append("</caption><tr>");
                    foreach (string h in b.Header!)
                    {
                        sb.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
                    }

                    sb.Append("</tr>");
                    foreach (var row in b.Rows!)
                    {
                        sb.Append("<tr>").Append(string.Concat(row.Select(c => "<td>" + WebUtility.HtmlEncode(c) + "</td>"))).Append("</tr>");
                    }

                    sb.Append("</table>");
                    break;
            }
        }

        return sb.Append("</body></html>").ToString();
    }

    /// <summary>The tables as JSON: {"title": .., "tables": [{"caption", "header", "rows"}]}.</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        title = Title,
        tables = _blocks.Where(b => b.Kind == "table").Select(b => new { caption = b.Text, header = b.Header, rows = b.Rows }),
    }, new JsonSerializerOptions { WriteIndented = true });

    public sealed record Block(string Kind, string Text, IReadOnlyList<string>? Header, IReadOnlyList<IReadOnlyList<string>>? Rows)
    {
        public string? Svg { get; init; }
    }
}
