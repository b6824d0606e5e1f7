using System.Globalization;
using System.Text;
using Trainer.Training.Logging.Model;

namespace Trainer.Training.Logging;

/// <summary>What one (run, tag) series holds: kind, count, step range and the last value.</summary>
public sealed record TagSummary(
    string Run,
    string Tag,
    string Kind,
    string? PluginName,
    long Count,
    long FirstStep,
    long LastStep,
    double LastWallTime,
    double? LastScalar,
    string? LastText);

/// <summary>
/// A summary of one event file or of every event file under a folder (each sub-folder is a TensorBoard run):
/// files, event counts and, per (run, tag), the kind of data, how many values, the step range and the last value.
/// Used by <c>trainer inspect</c>.
/// </summary>
public sealed class EventFileSummary
{
    private readonly Dictionary<(string Run, string Tag), TagSummary> _tags = [];
    private readonly List<string> _files = [];
    private readonly List<string> _warnings = [];

    private EventFileSummary()
    {
    }

    /// <summary>Files read, in order.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>Number of events read (including file-version records).</summary>
    public long EventCount { get; private set; }

    /// <summary>Per (run, tag) summaries, sorted by run then tag.</summary>
    public IReadOnlyList<TagSummary> Tags => [.. _tags.Values.OrderBy(t => t.Run, StringComparer.Ordinal).ThenBy(t => t.Tag, StringComparer.Ordinal)];

    /// <summary>Notes such as a tolerated truncated tail.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Summarizes one file; its run is "." .</summary>
    public static EventFileSummary FromFile(string path, bool tolerateTruncatedTail = true)
    {
        var summary = new EventFileSummary();
        summary.Add(path, ".", tolerateTruncatedTail);
        return summary;
    }

    /// <summary>Summarizes every event file under <paramref name="folder"/>; run = folder relative to it ("." for itself).</summary>
    public static EventFileSummary FromDirectory(string folder, bool tolerateTruncatedTail = true)
    {
        var summary = new EventFileSummary();
        var files = Directory.EnumerateFiles(folder, EventFileNames.Prefix + "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var run = Path.GetRelativePath(folder, Path.GetDirectoryName(file)!).Replace('\\', '/');
            summary.Add(file, run, tolerateTruncatedTail);
        }

        return summary;
    }

    /// <summary>Plain-text table: one line per (run, tag) with kind, count, steps and last value.</summary>
    public string Format()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{_files.Count} event file(s), {EventCount} event(s)\n");
        foreach (var warning in _warnings)
        {
            text.Append("warning: ").Append(warning).Append('\n');
        }

        foreach (var t in Tags)
        {
            var last = t.LastScalar is { } s ? s.ToString("G6", CultureInfo.InvariantCulture)
                : t.LastText is { } x ? Shorten(x)
                : "";
            var run = t.Run == "." ? "" : t.Run + ": ";
            text.Append(CultureInfo.InvariantCulture, $"{run}{t.Tag}  [{t.Kind}] n={t.Count} steps {t.FirstStep}..{t.LastStep}  {last}\n");
        }

        return text.ToString();
    }

    private void Add(string path, string run, bool tolerateTruncatedTail)
    {
        _files.Add(path);
        var reader = new EventFileReader(path, tolerateTruncatedTail);
        foreach (var (_, e) in reader.Events())
        {
            EventCount++;
            foreach (var value in e.Values)
            {
                AddValue(run, e, value);
            }
        }

        if (reader.TruncatedTailOffset is { } offset)
        {
            _warnings.Add($"{path}: incomplete last record at byte offset {offset} ignored (writer still running?)");
        }
    }

    private void AddValue(string run, EventRecord e, SummaryValue value)
    {
        var key = (run, value.Tag);
        var kind = KindName(value);
        var previous = _tags.GetValueOrDefault(key);
        _tags[key] = new TagSummary(
            run,
            value.Tag,
            kind,
            value.PluginName ?? previous?.PluginName,
            (previous?.Count ?? 0) + 1,
            previous is null ? e.Step : Math.Min(previous.FirstStep, e.Step),
            previous is null ? e.Step : Math.Max(previous.LastStep, e.Step),
            e.WallTime,
            value.ScalarValue,
            value.Text);
    }

    private static string KindName(SummaryValue value) => value.Kind switch
    {
        SummaryValueKind.Scalar => "scalar",
        SummaryValueKind.Histogram => "histogram",
        SummaryValueKind.Image => "image",
        SummaryValueKind.Tensor when value.PluginName == SummaryFactory.TextPluginName => "text",
        SummaryValueKind.Tensor when value.ScalarValue is not null => "scalar",
        SummaryValueKind.Tensor => "tensor",
        _ => value.PluginName ?? "none",
    };

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 60 ? line : line[..57] + "...";
    }
}
