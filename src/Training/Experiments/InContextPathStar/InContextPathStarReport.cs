using Trainer.Training.Reports;

namespace Trainer.Training.Experiments.InContextPathStar;

/// <summary>The report of <see cref="InContextPathStarExperiment"/>: verdict, the side-by-side table, per-position and training curves.</summary>
public static class InContextPathStarReport
{
    /// <summary>"teacher forcing (forward)", "reversed path", "teacherless".</summary>
    public static string Label(string variant) => variant switch
    {
        "forward" => "teacher forcing (forward)",
        "reverse" => "reversed path",
        "teacherless" => "teacherless",
        _ => variant,
    };

    /// <summary>What the paper leads one to expect of a variant's greedy path accuracy.</summary>
    public static string Expected(string variant, int degree) => variant switch
    {
        "forward" => Inv($"~1/degree = {1.0 / degree:0.##} (Clever Hans)"),
        "reverse" => "-> 1 (each step a lookup)",
        "teacherless" => "-> 1 if it learns to plan (slower)",
        _ => "",
    };

    public static ExperimentReport Build(InContextPathStarExperimentConfig c, IReadOnlyList<VariantResult> results, double seconds)
    {
        int deg = c.Data.Degree;
        double chance = 1.0 / deg;
        var r = new ExperimentReport("In-context path-star: teacher forcing against reversed and teacherless targets (in-context-path-star)");
        r.Paragraph("Claim (Bachmann and Nagarajan 2024, digest 3.1): on path-star graphs given in context, a model trained with " +
            "teacher-forced next-token prediction learns the 'Clever Hans' shortcut: each path token is predictable from the previous " +
            "true token (its child in the edge list), so the one token that needs planning, the arm chosen at the source, is never " +
            "learned and greedy decoding finds the path about 1/degree of the time. Reversed targets (goal to source) or teacherless " +
            "training (filler inputs) remove the shortcut.");
        string training = c.Data.TrainGraphs == 0
            ? Inv($"fresh graphs every step (batch {c.Data.BatchSize})")
            : Inv($"{c.Data.TrainGraphs} training graphs (batch {c.Data.BatchSize})");
        r.Paragraph(Inv($"Method: degree {deg}, path length {c.Data.PathLength}, labels from {c.Data.NodeCount} node tokens, ") + training +
            Inv($"; GPT {c.Model.Gpt.NLayer} layers, width {c.Model.Gpt.NEmbd}, {c.Model.Gpt.NHead} heads; {c.Train.Steps} steps per variant, lr {c.Train.Lr:G3}. ") +
            Inv($"Greedy decoding of {c.Data.TestGraphs} held-out graphs (teacherless models read the prompt and L-1 fillers in one pass). ") +
            "First decision = path token 1 (for forward paths the arm at the source); legal path = the decoded path follows edges from the right start.");
        r.Paragraph(Verdict(results, chance));

        r.Heading("Side by side");
        r.Table("Greedy decoding on held-out graphs",
            ["variant", "path accuracy", "first decision", "legal first step", "legal path", "teacher-forced token acc", "teacher-forced first decision", "expected path accuracy"],
            results.Select(v => (IReadOnlyList<object?>)
            [
                Label(v.Variant), v.Scores.PathAcc, v.Scores.DecisionAcc, v.Scores.ValidFirstStep, v.Scores.ValidPath,
                v.FinalMetrics.GetValueOrDefault("val/acc", double.NaN), v.FinalMetrics.GetValueOrDefault("val/decision_acc", double.NaN),
                Expected(v.Variant, deg),
            ]));
        int len = c.Data.PathLength;
        r.Table("Greedy accuracy per path index (index 0 = the first path token)",
            ["variant", .. Enumerable.Range(0, len).Select(k => $"token {k}")],
            results.Select(v => (IReadOnlyList<object?>)[Label(v.Variant), .. v.Scores.PositionAcc.Cast<object?>()]));
        var positions = results.Select((v, i) => new LineSeries(Label(v.Variant), Palette.Category(i),
            v.Scores.PositionAcc.Select((a, k) => ((double)k, a)).ToList(), Markers: true)).ToList();
        r.Figure("Greedy accuracy of each path token on held-out graphs; the dotted line is 1/degree.",
            SvgLineChart.Render(new PlotLabels("path-star-positions", "Accuracy per path index", "path index", "accuracy"), positions,
                references: [new ReferenceLine("1/degree", chance, Vertical: false)], yFromZero: true));

        r.Heading("Training");
        var decision = results.Select((v, i) => new LineSeries(Label(v.Variant), Palette.Category(i),
            v.Curve.Eval("val/decision_acc").Select(p => (p.Step, p.Value)).ToList(), Markers: true)).ToList();
        r.Figure("Teacher-forced accuracy of the first decision (path token 1) on held-out graphs during training.",
            SvgLineChart.Render(new PlotLabels("path-star-decision", "First decision during training", "training step", "accuracy"), decision,
                references: [new ReferenceLine("1/degree", chance, Vertical: false)], yFromZero: true));
        var seq = results.Select((v, i) => new LineSeries(Label(v.Variant), Palette.Category(i),
            v.Curve.Eval("val/seq_acc").Select(p => (p.Step, p.Value)).ToList(), Markers: true)).ToList();
        r.Figure("Held-out path accuracy during training (val/seq_acc: every teacher-forced argmax right, which is what greedy decoding of a teacher-forced model needs).",
            SvgLineChart.Render(new PlotLabels("path-star-seq", "Path accuracy during training", "training step", "accuracy"), seq,
                references: [new ReferenceLine("1/degree", chance, Vertical: false)], yFromZero: true));
        int window = (int)Math.Max(1, c.Train.Steps / 50);
        var losses = results.Select((v, i) => new LineSeries(Label(v.Variant), Palette.Category(i), v.Curve.SmoothedLoss(window))).ToList();
        r.Figure($"Training loss (cross-entropy on the path tokens, mean of {window} steps).",
            SvgLineChart.Render(new PlotLabels("path-star-loss", "Training loss", "training step", "cross-entropy (nats)"), losses));
        r.Table("Runs", ["variant", "steps", "end", "final train loss", "val loss", "seconds", "sub-run"],
            results.Select(v => (IReadOnlyList<object?>)
            [
                Label(v.Variant), v.Steps, v.EndReason, v.Curve.FinalLoss(), v.FinalMetrics.GetValueOrDefault("val/loss", double.NaN), v.Seconds, v.RunName,
            ]));
        r.Paragraph(Inv($"Total time {seconds:0} s."));
        return r;
    }

    private static string Verdict(IReadOnlyList<VariantResult> results, double chance)
    {
        var parts = new List<string>();
        VariantResult? forward = results.FirstOrDefault(v => v.Variant == "forward");
        if (forward is not null)
        {
            bool cleverHans = forward.Scores.ValidPath > 0.9 && Math.Abs(forward.Scores.DecisionAcc - chance) < 0.1;
            parts.Add(cleverHans
                ? Inv($"teacher forcing shows the Clever-Hans failure: {100 * forward.Scores.ValidPath:0}% of its greedy paths are legal walks but only {100 * forward.Scores.PathAcc:0}% reach the goal (first decision {100 * forward.Scores.DecisionAcc:0}%, chance {100 * chance:0}%)")
                : Inv($"teacher forcing: path accuracy {100 * forward.Scores.PathAcc:0}%, first decision {100 * forward.Scores.DecisionAcc:0}% (chance {100 * chance:0}%), legal paths {100 * forward.Scores.ValidPath:0}%") +
                  (forward.Scores.ValidPath <= 0.9 ? " - the shortcut itself is not yet learned at this budget" : ""));
        }

        foreach (VariantResult v in results.Where(v => v.Variant != "forward"))
        {
            bool fixedIt = v.Scores.PathAcc > chance + 0.2;
            parts.Add(Inv($"{Label(v.Variant)}: path accuracy {100 * v.Scores.PathAcc:0}% ({(fixedIt ? "above chance: a fix" : "not above chance at this budget")})"));
        }

        return "Verdict: " + string.Join("; ", parts) + ".";
    }

    private static string Inv(FormattableString s) => FormattableString.Invariant(s);
}
