using System.Globalization;
using System.Text;
using Trainer.Training.Probes;

namespace Trainer.Training.Reports;

/// <summary>
/// The report as Markdown, for a terminal or a paper draft: the verdict table, the rule, each run's signals against
/// their thresholds and its energy spectrum summary, and the definitions. Same numbers as the HTML.
/// </summary>
public static class ReportMarkdown
{
    public static string Render(IReadOnlyList<ReportRun> runs, string generated)
    {
        var sb = new StringBuilder();
        sb.Append($"# {ReportText.Title}\n\n{generated}; {runs.Count} run(s).\n\n## Verdicts\n\n");
        sb.Append("| ").Append(string.Join(" | ", VerdictTable.Header)).Append(" |\n");
        sb.Append('|').Append(string.Concat(VerdictTable.Header.Select(_ => "---|"))).Append('\n');
        foreach (string[] row in VerdictTable.Rows(runs))
        {
            sb.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
        }

        string rule = runs.FirstOrDefault()?.Probes.Verdict.Rule ?? new VerdictRule().Describe();
        sb.Append($"\n**Rule.** {rule}\n");
        foreach (ReportRun run in runs)
        {
            RunSection(sb, run);
        }

        sb.Append("\n## Definitions\n\n");
        foreach (var (term, definition) in ReportText.Definitions)
        {
            sb.Append($"- **{term}**: {definition}\n");
        }

        return sb.ToString();
    }

    private static void RunSection(StringBuilder sb, ReportRun run)
    {
        ProbeResults p = run.Probes;
        sb.Append($"\n## {run.Name}\n\n");
        sb.Append(FormattableString.Invariant($"Model {p.ModelKind}, {p.NodeCount} nodes, {p.EdgeCount} edges, d = {p.Dim}, step {p.Step}; scores from {p.ScoreSource}. Verdict: **{p.Verdict.Label}**.\n\n"));
        sb.Append("| signal | value | control mean | control sd | threshold | geometric |\n|---|---|---|---|---|---|\n");
        foreach (VerdictSignal s in p.Verdict.Signals)
        {
            sb.Append($"| {s.Name} | {VerdictTable.N(s.Value)} | {VerdictTable.N(s.ControlMean)} | {VerdictTable.N(s.ControlSd)} | {VerdictTable.N(s.Threshold)} | {(s.Geometric ? "yes" : "no")} |\n");
        }

        if (p.Spectral is { } sp)
        {
            double kept = sp.Energies.Sum();
            string head = string.Join(", ", sp.Energies.Take(8).Select(e => (kept > 0 ? e / kept : 0).ToString("F3", CultureInfo.InvariantCulture)));
            sb.Append(FormattableString.Invariant($"\nSpectral energy shares (smoothest first, of {sp.Energies.Length}): {head}{(sp.Energies.Length > 8 ? ", ..." : "")}; m = {sp.M}, chance {VerdictTable.N(sp.Chance)}.\n"));
        }

        if (p.Margin is { } m)
        {
            sb.Append($"\nMargins: W {VerdictTable.N(m.MarginW)}, W' {VerdictTable.N(m.MarginWPrime)}; top-1 W {VerdictTable.N(m.Top1W)}, W' {VerdictTable.N(m.Top1WPrime)}.\n");
        }

        if (p.Paths is { } paths)
        {
            sb.Append($"\nPaths ({paths.Examples}): sequence {VerdictTable.N(paths.SequenceAccuracy)}, token {VerdictTable.N(paths.TokenAccuracy)}, child {VerdictTable.N(paths.ChildAccuracy)}.\n");
        }

        if (p.OuterProduct is { } o)
        {
            sb.Append($"\nOuter product: error {VerdictTable.N(o.Error)}, Spearman(strength, frequency) {VerdictTable.N(o.StrengthFrequencySpearman)}.\n");
        }

        if (p.Notes.Length > 0)
        {
            sb.Append($"\nNotes: {string.Join("; ", p.Notes)}.\n");
        }
    }

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);
}
