using System.Globalization;
using Trainer.Training.Probes;

namespace Trainer.Training.Reports;

/// <summary>
/// The cross-run table of headline numbers and verdicts, as text cells shared by the HTML and Markdown reports.
/// Controls are written "value (control mean ± sd)"; a missing probe is "–".
/// </summary>
public static class VerdictTable
{
    /// <summary>Column headers.</summary>
    public static IReadOnlyList<string> Header { get; } =
    [
        "run", "model", "n / d", "step", "top-k recovery", "top-1 acc", "edge cos", "cos gap (control)", "smooth25 (control)",
        "rough25 (control)", "Spearman (control)", "kNN recovery (control)", "arm navigation (chance)", "margin W / W'", "top-1 W'", "verdict",
    ];

    /// <summary>One row of cells per run.</summary>
    public static IReadOnlyList<string[]> Rows(IReadOnlyList<ReportRun> runs) => runs.Select(Row).ToList();

    private static string[] Row(ReportRun run)
    {
        ProbeResults p = run.Probes;
        return
        [
            run.Name,
            p.ModelKind,
            I($"{p.NodeCount} / {p.Dim}"),
            p.Step.ToString(CultureInfo.InvariantCulture),
            p.EdgeRecovery is { } r ? I($"{N(r.TopKRecovery)} (k={r.K})") : Dash,
            p.EdgeRecovery is { } t ? N(t.Top1Accuracy) : Dash,
            p.GeometricLevel is { } g ? N(g.EdgeCos) : Dash,
            p.GeometricLevel is { } gc ? WithControl(gc.Excess, gc.ControlExcess) : Dash,
            p.Spectral is { } s ? WithControl(s.Smooth25, s.ControlSmooth25) : Dash,
            p.Spectral is { } sr ? WithControl(sr.Rough25, sr.ControlRough25) : Dash,
            p.Distance is { } d ? WithControl(d.Spearman, d.ControlSpearman) : Dash,
            p.Distance is { } k ? WithControl(k.KnnRecovery, k.ControlKnn) : Dash,
            p.Navigation is { } a ? I($"{N(a.ArmMeanAccuracy)} / {N(a.NearestNodeAccuracy)} ({N(a.Chance)})") : Dash,
            p.Margin is { } m ? I($"{N(m.MarginW)} / {N(m.MarginWPrime)}") : Dash,
            p.Margin is { } m1 ? N(m1.Top1WPrime) : Dash,
            p.Verdict.Label + (p.Verdict.ZigZag ? " (zig-zag)" : ""),
        ];
    }

    /// <summary>A number with three decimals ("NaN" kept).</summary>
    public static string N(double v) => double.IsNaN(v) ? "NaN" : v.ToString("F3", CultureInfo.InvariantCulture);

    private const string Dash = "–";

    private static string WithControl(double v, ControlStats c) => I($"{N(v)} ({N(c.Mean)} ± {N(c.Sd)})");

    private static string I(FormattableString s) => FormattableString.Invariant(s);
}
