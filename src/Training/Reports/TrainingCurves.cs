using System.Text.Json.Nodes;

namespace Trainer.Training.Reports;

/// <summary>
/// The step series of a run's <c>metrics.json</c>: every numeric key of the "train" and "eval" series, named
/// "train/loss", "eval/val/loss", ... (series name, then the key), as (step, value) pairs in step order. String
/// values "NaN", "Infinity" read as those numbers.
/// </summary>
public sealed record TrainingCurves(IReadOnlyDictionary<string, IReadOnlyList<(double Step, double Value)>> Series)
{
    /// <summary>No curves (a run without metrics.json).</summary>
    public static TrainingCurves Empty { get; } = new(new Dictionary<string, IReadOnlyList<(double, double)>>());

    /// <summary>Reads the "train" and "eval" series of a metrics.json object.</summary>
    public static TrainingCurves From(JsonObject metrics)
    {
        var series = new Dictionary<string, List<(double, double)>>(StringComparer.Ordinal);
        foreach (string name in new[] { "train", "eval" })
        {
            if (metrics[name] is not JsonArray list)
            {
                continue;
            }

            foreach (JsonObject entry in list.OfType<JsonObject>())
            {
                if (Number(entry["step"]) is not double step)
                {
                    continue;
                }

                foreach (var (key, node) in entry)
                {
                    if (key != "step" && Number(node) is double value)
                    {
                        string full = name + "/" + key;
                        if (!series.TryGetValue(full, out var points))
                        {
                            series[full] = points = [];
                        }

                        points.Add((step, value));
                    }
                }
            }
        }

        return new TrainingCurves(series.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<(double, double)>)kv.Value.OrderBy(p => p.Item1).ToList()));
    }

    /// <summary>Series whose name contains <paramref name="fragment"/>, e.g. "loss" or "acc".</summary>
    public IEnumerable<KeyValuePair<string, IReadOnlyList<(double Step, double Value)>>> Matching(string fragment) =>
        Series.Where(kv => kv.Key.Contains(fragment, StringComparison.OrdinalIgnoreCase)).OrderBy(kv => kv.Key, StringComparer.Ordinal);

    // Works for values parsed from disk and for values built in memory (long, double, ...) alike.
    private static double? Number(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }

        string text = v.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.Number => v.ToJsonString(),
            System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
            _ => "",
        };
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double d) ? d : null;
    }
}
