using System.Net;
using System.Text;

namespace Trainer.Training.Reports;

/// <summary>
/// The self-contained HTML page: inline CSS and SVG only (no scripts, fonts or links to fetch), the verdict table,
/// the rule, the training curves, the spectral energy plot, then a section per run with its plots, and the
/// definitions.
/// </summary>
public static class ReportHtml
{
    private const string Style =
        "body{font-family:sans-serif;margin:24px;color:#222;max-width:1400px}" +
        "table{border-collapse:collapse;font-size:12px;margin:8px 0}th,td{border:1px solid #ccc;padding:4px 6px;text-align:right}" +
        "th{background:#f2f2f2}td:first-child,td:nth-child(2),th:first-child{text-align:left}" +
        "figure{display:inline-block;margin:8px 12px 16px 0;vertical-align:top}figcaption{font-size:12px;max-width:780px;color:#444}" +
        ".verdict-geometric{color:#1a7f37;font-weight:bold}.verdict-associative{color:#b35900;font-weight:bold}.verdict-mixed{color:#5a32a3;font-weight:bold}" +
        ".rule{font-size:12px;color:#444;max-width:1100px}.notes{font-size:12px;color:#666}";

    public static string Render(IReadOnlyList<ReportRun> runs, IReadOnlyList<ReportPlot> shared, IReadOnlyList<(ReportRun Run, IReadOnlyList<ReportPlot> Plots)> perRun, string generated)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        sb.Append($"<title>{E(ReportText.Title)}</title><style>{Style}</style></head><body>\n");
        sb.Append($"<h1>{E(ReportText.Title)}</h1><p>{E(generated)}; {runs.Count} run(s).</p>\n");
        VerdictSection(sb, runs);
        foreach (ReportPlot plot in shared)
        {
            Figure(sb, plot);
        }

        foreach (var (run, plots) in perRun)
        {
            sb.Append($"<h2>{E(run.Name)}</h2>\n");
            if (run.Probes.Notes.Length > 0)
            {
                sb.Append($"<p class=\"notes\">{E(string.Join("; ", run.Probes.Notes))}</p>\n");
            }

            foreach (ReportPlot plot in plots)
            {
                Figure(sb, plot);
            }
        }

        sb.Append("<h2>Definitions</h2><dl>");
        foreach (var (term, definition) in ReportText.Definitions)
        {
            sb.Append($"<dt><b>{E(term)}</b></dt><dd>{E(definition)}</dd>");
        }

        sb.Append("</dl>\n</body></html>\n");
        return sb.ToString();
    }

    private static void VerdictSection(StringBuilder sb, IReadOnlyList<ReportRun> runs)
    {
        sb.Append("<h2>Verdicts</h2>\n<table class=\"verdicts\"><thead><tr>");
        foreach (string h in VerdictTable.Header)
        {
            sb.Append($"<th>{E(h)}</th>");
        }

        sb.Append("</tr></thead><tbody>");
        foreach (string[] row in VerdictTable.Rows(runs))
        {
            sb.Append("<tr>");
            for (int i = 0; i < row.Length; i++)
            {
                string cls = i == row.Length - 1 ? $" class=\"verdict-{E(row[i].Split(' ')[0])}\"" : "";
                sb.Append($"<td{cls}>{E(row[i])}</td>");
            }

            sb.Append("</tr>");
        }

        sb.Append("</tbody></table>\n");
        string rule = runs.FirstOrDefault()?.Probes.Verdict.Rule ?? new Probes.VerdictRule().Describe();
        sb.Append($"<p class=\"rule\"><b>Rule.</b> {E(rule)}</p>\n");
    }

    private static void Figure(StringBuilder sb, ReportPlot plot)
    {
        sb.Append($"<figure id=\"{E(plot.Name)}\">{plot.Svg}<figcaption>{E(plot.Caption)}</figcaption></figure>\n");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
