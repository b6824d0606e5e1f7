using System.Globalization;

namespace Trainer.Training.Loop;

/// <summary>What the loop remembers between steps, saved in checkpoints so a resumed run continues exactly.</summary>
public sealed class LoopState
{
    public long Step { get; set; }

    /// <summary>Best value of the early-stop metric so far (NaN before the first evaluation).</summary>
    public double Best { get; set; } = double.NaN;

    /// <summary>Evaluations since the last improvement.</summary>
    public int BadEvals { get; set; }

    public IReadOnlyDictionary<string, double> LastMetrics { get; set; } = new Dictionary<string, double>();

    /// <summary>Updates best/bad-eval counters; true when the metric improved (or there is no early-stop metric).</summary>
    public bool Observe(IReadOnlyDictionary<string, double> metrics, TrainConfig config)
    {
        string key = config.EarlyStopMetric;
        if (key.Length == 0)
        {
            return true;
        }

        if (!metrics.TryGetValue(key, out double v) && !metrics.TryGetValue("val/" + key, out v))
        {
            throw new InvalidOperationException(
                $"train.early_stop_metric '{key}' is not among the evaluation metrics: {string.Join(", ", metrics.Keys)}");
        }

        bool better = double.IsNaN(Best) || (config.EarlyStopMode == "min" ? v < Best : v > Best);
        if (better)
        {
            Best = v;
            BadEvals = 0;
        }
        else
        {
            BadEvals++;
        }

        return better;
    }

    public bool ShouldStop(TrainConfig config) => config.EarlyStopMetric.Length > 0 && BadEvals >= config.EarlyStopPatience;

    public Dictionary<string, string> ToMetadata() => new()
    {
        ["step"] = Step.ToString(CultureInfo.InvariantCulture),
        ["best"] = Best.ToString("R", CultureInfo.InvariantCulture),
        ["bad_evals"] = BadEvals.ToString(CultureInfo.InvariantCulture),
    };

    public void FromMetadata(IReadOnlyDictionary<string, string> m)
    {
        Step = long.Parse(m["step"], CultureInfo.InvariantCulture);
        Best = double.Parse(m["best"], CultureInfo.InvariantCulture);
        BadEvals = int.Parse(m["bad_evals"], CultureInfo.InvariantCulture);
    }
}
