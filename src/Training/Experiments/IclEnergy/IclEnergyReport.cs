using Trainer.Training.Reports;

namespace Trainer.Training.Experiments.IclEnergy;

/// <summary>The report of <see cref="IclEnergyExperiment"/>: verdict, landscape tables, landscape panels, loss curves.</summary>
public static class IclEnergyReport
{
    private static readonly string[] EnergyHeader =
    [
        "n (context points)", "clusters seen", "E(seen centres)", "E(all centres)", "E(far points)", "E(uniform points)", "centre percentile",
    ];

    private static readonly string[] PlaceHeader =
    [
        "n (context points)", "sample distance", "uniform distance", "samples near a centre", "uniform near a centre",
        "nearest grid minimum", "chance distance",
    ];

    /// <summary>
    /// True when, after the most context points (T - 1), the seen centres sit in the lowest 10% of the plane's energies and the
    /// model's Langevin samples land, on average, at less than half the distance from the seen centres that their
    /// uniform starts had.
    /// </summary>
    public static bool Reproduced(LandscapeRow full) => full.CentrePercentile < 0.1 && full.SampleDistance < 0.5 * full.UniformDistance;

    public static ExperimentReport Build(IclEnergyConfig c, int[] sizes, IReadOnlyList<LandscapeRow> initial, IReadOnlyList<LandscapeRow> trained,
        IReadOnlyList<IReadOnlyList<Landscape>> landscapes, TrainingCurve curve, IclEnergySummary summary)
    {
        var r = new ExperimentReport("In-context energy transformer on 2-D Gaussian mixtures (icl-energy)");
        LandscapeRow full = trained[^1];
        LandscapeRow fullInit = initial[^1];
        r.Paragraph("Claim (Schaeffer et al. 2024, ICL-EBM): a transformer with fixed weights that outputs an energy E(x_t | x_<t) " +
            "adapts its energy landscape to each new in-context dataset: after reading points of a fresh Gaussian mixture, the " +
            "minima of E move to that mixture's clusters. The paper shows landscapes only; no numbers are reported.");
        r.Paragraph($"Method: {c.Model.NLayer} layers, width {c.Model.NEmbd}, trained {summary.Steps} steps on fresh mixtures " +
            $"(K = {c.Data.Components}, T = {c.Data.Points}, means ~ N(0, {c.Data.MeanStd:G3}^2 I), component std {c.Data.ComponentStd:G3}, " +
            $"batch {c.Data.BatchSize}) by contrastive divergence with {c.Model.NegativesPerReal} Langevin negative(s) per point " +
            $"({c.Model.LangevinSteps} steps, noise {c.Model.NoiseScale:G3}). Then on {c.Landscape.Contexts} held-out mixtures, E(q | x_1..x_n) " +
            $"on a {c.Landscape.GridSize}x{c.Landscape.GridSize} grid over [-{c.Landscape.HalfWidth:G3}, {c.Landscape.HalfWidth:G3}]^2 and at probe points " +
            $"(n at most T - 1 = {c.Data.Points - 1}: training scores each point after the ones before it, so a query after all T would sit at an untrained position). " +
            "'Seen' centres are the means of the components with a point among the first n (all K at n = 0); centre percentile = share of " +
            $"{c.Landscape.RandomPoints} uniform points with lower energy than a seen centre (0 = the centres are the lowest); nearest minimum = " +
            "distance from a seen centre to the nearest of the K deepest grid minima; chance distance = the same to K uniform points. " +
            $"Samples: {c.Landscape.SampleChains} Langevin chains per context on E(. | x_1..x_n) from uniform starts, with the training sampler; " +
            $"sample distance = mean distance from a sample to the nearest seen centre (uniform distance: the same for uniform points); " +
            $"'near' = within {c.Landscape.NearDistance:G3}.");
        r.Paragraph(Verdict(full, fullInit, c.Landscape.NearDistance));

        r.Heading("Energy at the centres against context size");
        r.Table($"Trained model: energies, mean over {c.Landscape.Contexts} held-out contexts", EnergyHeader, trained.Select(EnergyCells));
        r.Table("Control: the same model before training", EnergyHeader, initial.Select(EnergyCells));
        r.Heading("Where the minima and the samples are");
        r.Table($"Trained model: distances to the seen centres, mean over {c.Landscape.Contexts} held-out contexts", PlaceHeader, trained.Select(PlaceCells));
        r.Table("Control: the same model before training", PlaceHeader, initial.Select(PlaceCells));

        r.Heading("Learned landscapes");
        for (int p = 0; p < Math.Min(c.Landscape.Plotted, landscapes[0].Count); p++)
        {
            var panels = sizes.Select((n, s) => ($"n = {n}" + (n == c.Data.Points - 1 ? " (T - 1)" : ""), landscapes[s][p])).ToList();
            r.Figure($"Held-out context {p}: E(q | first n points) after training; dark = low energy. White: the context points read; " +
                "red: the true centres; orange rings: the deepest grid minima; cyan: Langevin samples of E(. | first n points).",
                LandscapeImages.Svg($"icl-energy-landscape-{p}", $"Held-out context {p}: energy landscape after n context points", panels, c.Data.Components));
        }

        r.Heading("Training");
        int window = Math.Max(1, (int)(summary.Steps / 50));
        var loss = new LineSeries("train loss (mean of " + window + " steps)", Palette.Category(0), curve.SmoothedLoss(window));
        var val = new LineSeries("val loss", Palette.Category(1), curve.Eval("val/loss").Select(p => (p.Step, p.Value)).ToList(), Markers: true);
        r.Figure("Contrastive-divergence loss mean E(real) - mean E(sampled) + c (E(real)^2 + E(sampled)^2): it goes negative as real points get lower energy than the Langevin samples.",
            SvgLineChart.Render(new PlotLabels("icl-energy-loss", "Contrastive-divergence loss", "training step", "loss"), [loss, val]));
        var gap = new LineSeries("val energy gap E(sampled) - E(real)", Palette.Category(2), curve.Eval("val/energy_gap").Select(p => (p.Step, p.Value)).ToList(), Markers: true);
        r.Figure("Validation energy gap between Langevin samples and real points (held-out mixtures).",
            SvgLineChart.Render(new PlotLabels("icl-energy-gap", "Energy gap on held-out mixtures", "training step", "E(sampled) - E(real)"), [gap]));
        r.Table("Training run", ["quantity", "value"],
        [
            ["steps", summary.Steps],
            ["end", summary.EndReason],
            ["final train loss (mean of last 10%)", curve.FinalLoss()],
            ["val loss", summary.FinalMetrics.GetValueOrDefault("val/loss", double.NaN)],
            ["val energy gap", summary.FinalMetrics.GetValueOrDefault("val/energy_gap", double.NaN)],
            ["training time (s)", summary.TrainSeconds],
            ["total time (s)", summary.TotalSeconds],
            ["training sub-run", summary.TrainRunName],
        ]);
        return r;
    }

    private static string Verdict(LandscapeRow full, LandscapeRow init, double near)
    {
        string numbers = FormattableString.Invariant(
            $"after {full.ContextSize} points the seen centres lie at the {100 * full.CentrePercentile:0.#}th percentile of the plane's energies ") +
            FormattableString.Invariant($"(untrained: {100 * init.CentrePercentile:0.#}th), E at the centres {full.EnergySeenCentres:0.##} against {full.EnergyFar:0.##} at far points; ") +
            FormattableString.Invariant($"Langevin samples land {full.SampleDistance:0.##} from the nearest centre on average (their uniform starts: {full.UniformDistance:0.##}; ") +
            FormattableString.Invariant($"untrained model: {init.SampleDistance:0.##}), {100 * full.SamplesNear:0}% of them within {near:G3} of one (uniform points: {100 * full.UniformNear:0}%); ") +
            FormattableString.Invariant($"the K deepest grid minima are {full.NearestMinimum:0.##} from the centres (chance {full.ChanceDistance:0.##}).");
        return Reproduced(full)
            ? "Verdict: reproduced. The learned energy is lowest at the in-context clusters and its samples go there: " + numbers
            : "Verdict: not reproduced at this scale (criterion: centre percentile < 10% and samples at less than half the uniform distance): " + numbers;
    }

    private static IReadOnlyList<object?> EnergyCells(LandscapeRow r) =>
    [
        r.ContextSize, r.SeenClusters, r.EnergySeenCentres, r.EnergyAllCentres, r.EnergyFar, r.EnergyRandom, r.CentrePercentile,
    ];

    private static IReadOnlyList<object?> PlaceCells(LandscapeRow r) =>
    [
        r.ContextSize, r.SampleDistance, r.UniformDistance, r.SamplesNear, r.UniformNear, r.NearestMinimum, r.ChanceDistance,
    ];
}
