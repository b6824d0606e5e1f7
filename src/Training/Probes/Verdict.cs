using System.Globalization;

namespace Trainer.Training.Probes;

/// <summary>
/// Thresholds of the verdict. A signal counts as geometric when the run's statistic exceeds the random-embedding
/// control's mean by at least max(minimum effect, <see cref="ControlSigmas"/> x the control's standard deviation).
/// </summary>
public sealed record VerdictRule
{
    /// <summary>Minimum smooth25 excess over the control (chance is about 0.25).</summary>
    public double MinSmoothExcess { get; init; } = 0.15;

    /// <summary>Minimum excess of the cosine gap (edge cos - random-pair cos) over the control's.</summary>
    public double MinCosineExcess { get; init; } = 0.10;

    /// <summary>Minimum excess of Spearman(embedding distance, hops) over the control's.</summary>
    public double MinSpearmanExcess { get; init; } = 0.20;

    /// <summary>Control standard deviations a signal must clear.</summary>
    public double ControlSigmas { get; init; } = 3;

    /// <summary>The rule in words, for probes.json and the report.</summary>
    public string Describe() => FormattableString.Invariant(
        $"A signal is geometric when value >= control mean + max(min effect, {ControlSigmas:G3} x control sd), the control being i.i.d. Gaussian embeddings of the same shape. Signals and min effects: smooth25, or rough25 when only it clears the bar (zig-zag) (+{MinSmoothExcess:G3}), edge cos - pair cos (+{MinCosineExcess:G3}), Spearman(embedding distance, hops) (+{MinSpearmanExcess:G3}). ") +
        "Verdict: geometric when every available signal is geometric, associative when none is, mixed otherwise.";
}

/// <summary>One geometric signal of a run.</summary>
/// <param name="Name">smooth25 (rough25 for a zig-zag spectrum), cosine_gap or spearman.</param>
/// <param name="Value">The run's statistic.</param>
/// <param name="ControlMean">The control's mean.</param>
/// <param name="ControlSd">The control's standard deviation.</param>
/// <param name="Threshold">ControlMean + max(min effect, sigmas x ControlSd).</param>
/// <param name="Geometric">Value &gt;= Threshold.</param>
public sealed record VerdictSignal(string Name, double Value, double ControlMean, double ControlSd, double Threshold, bool Geometric);

/// <summary>A run's verdict: "geometric", "associative" or "mixed" (or "unknown" when no signal could be measured).</summary>
/// <param name="Label">The verdict.</param>
/// <param name="Signals">The signals it rests on.</param>
/// <param name="ZigZag">rough25, not smooth25, clears the spectral bar: energy piled on the roughest eigenvectors (then the spectral signal is rough25).</param>
/// <param name="Rule">The rule in words.</param>
public sealed record Verdict(string Label, VerdictSignal[] Signals, bool ZigZag, string Rule)
{
    public const string Geometric = "geometric";
    public const string Associative = "associative";
    public const string Mixed = "mixed";
    public const string Unknown = "unknown";

    /// <summary>Applies <paramref name="rule"/> to the probe results (any may be null: that signal is left out).</summary>
    public static Verdict Judge(VerdictRule rule, SpectralResult? spectral, GeometricLevelResult? level, DistanceStructureResult? distance)
    {
        var signals = new List<VerdictSignal>();
        bool zigzag = false;
        if (spectral is not null)
        {
            // Energy piled at either end of the spectrum is graph geometry; the rough end is the zig-zag one.
            VerdictSignal smooth = Signal(rule, "smooth25", spectral.Smooth25, spectral.ControlSmooth25, rule.MinSmoothExcess);
            VerdictSignal rough = Signal(rule, "rough25", spectral.Rough25, spectral.ControlRough25, rule.MinSmoothExcess);
            zigzag = rough.Geometric && !smooth.Geometric;
            signals.Add(zigzag ? rough : smooth);
        }

        if (level is not null)
        {
            signals.Add(Signal(rule, "cosine_gap", level.Excess, level.ControlExcess, rule.MinCosineExcess));
        }

        if (distance is not null)
        {
            signals.Add(Signal(rule, "spearman", distance.Spearman, distance.ControlSpearman, rule.MinSpearmanExcess));
        }

        var measured = signals.Where(s => !double.IsNaN(s.Value)).ToList();
        int passed = measured.Count(s => s.Geometric);
        string label = measured.Count == 0 ? Unknown
            : passed == measured.Count ? Geometric
            : passed == 0 ? Associative
            : Mixed;
        return new Verdict(label, signals.ToArray(), zigzag, rule.Describe());
    }

    private static VerdictSignal Signal(VerdictRule rule, string name, double value, ControlStats control, double minEffect)
    {
        double threshold = control.Mean + Math.Max(minEffect, rule.ControlSigmas * control.Sd);
        return new VerdictSignal(name, value, control.Mean, control.Sd, threshold, value >= threshold);
    }
}
