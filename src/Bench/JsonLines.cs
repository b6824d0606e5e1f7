using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Trainer.Bench;

/// <summary>
/// Machine-readable rows: one JSON object per line with <c>name</c>, <c>ours</c>, <c>pytorch</c> (= <c>peer</c>),
/// <c>unit</c>, <c>ratio</c> (ours / peer), <c>better</c> ("lower"/"higher") and <c>threads</c>, plus spreads, RSS,
/// floor and target fields. Values the run could not measure are null.
/// </summary>
public static class JsonLines
{
    // Relaxed escaping keeps "<=" and "+" readable; the output is a data file, never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes each row as one line of JSON.</summary>
    public static void Write(IEnumerable<BenchResult> rows, TextWriter output)
    {
        foreach (BenchResult r in rows)
        {
            output.WriteLine(Format(r));
        }
    }

    /// <summary>One row as a single-line JSON object.</summary>
    public static string Format(BenchResult r)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("name", r.Name);
            w.WriteString("unit", r.Unit);
            Number(w, "ours", r.Ours.Median);
            Number(w, "pytorch", r.Peer?.Median);
            Number(w, "peer", r.Peer?.Median);
            Number(w, "ratio", r.Ratio);
            w.WriteString("better", r.Better == Better.Lower ? "lower" : "higher");
            w.WriteStartObject("threads");
            w.WriteNumber("torch", r.Threads.Torch);
            w.WriteNumber("blas", r.Threads.Blas);
            w.WriteEndObject();
            Number(w, "ours_min", r.Ours.Min);
            Number(w, "ours_max", r.Ours.Max);
            Number(w, "peer_min", r.Peer?.Min);
            Number(w, "peer_max", r.Peer?.Max);
            Number(w, "floor", r.Floor?.Median);
            if (r.Layers.Count > 0)
            {
                w.WriteStartObject("layers");
                foreach ((string name, Summary values) in r.Layers)
                {
                    Number(w, name, values.Median);
                }

                w.WriteEndObject();
            }

            w.WriteNumber("rounds", r.Rounds);
            w.WriteNumber("iterations", r.Iterations);
            if (r.Target is not null)
            {
                w.WriteString("target", r.Target.Describe(r.Better));
                w.WriteString("target_source", r.Target.Source);
            }

            if (r.Met is bool met)
            {
                w.WriteBoolean("met", met);
            }

            Number(w, "ours_peak_rss_mb", Mb(r.OursPeakRssBytes));
            Number(w, "peer_peak_rss_mb", Mb(r.PeerPeakRssBytes));
            Number(w, "ours_rss_growth_mb", r.OursRssGrowthBytes / (1024.0 * 1024.0));
            Number(w, "check_ours", r.OursCheck, round: false);
            Number(w, "check_peer", r.PeerCheck, round: false);
            if (r.PeerError is not null)
            {
                w.WriteString("peer_error", r.PeerError);
            }

            Number(w, "load_avg_1m", r.LoadAverage);
            w.WriteString("description", r.Description);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static double? Mb(long bytes) => bytes < 0 ? null : bytes / (1024.0 * 1024.0);

    private static void Number(Utf8JsonWriter w, string key, double? value, bool round = true)
    {
        if (value is double v && double.IsFinite(v))
        {
            w.WriteNumber(key, round ? Math.Round(v, 4) : v);
        }
        else
        {
            w.WriteNull(key);
        }
    }
}
