using System.Globalization;
using System.Text.RegularExpressions;
using Trainer.Training.Config;

namespace Trainer.Training.Runs;

/// <summary>
/// One run on disk: <c>runs/&lt;utc-stamp&gt;-&lt;name&gt;/</c> (stamp <c>yyyyMMdd-HHmmss</c>, e.g.
/// <c>runs/20261121-235959-demo/</c>), holding <c>config.json</c> (the resolved config), <c>metrics.json</c>,
/// <c>ckpt.safetensors</c>, <c>best.safetensors</c> and the TensorBoard event files. A second run with the same
/// name in the same second gets <c>-2</c>, <c>-3</c>, ... appended. The folder is readable without the code.
/// </summary>
public sealed partial class RunFolder
{
    /// <summary>The resolved config, as written by <see cref="WriteConfig"/>.</summary>
    public const string ConfigFileName = "config.json";

    /// <summary>Summary metrics (see <see cref="MetricsFile"/>).</summary>
    public const string MetricsFileName = "metrics.json";

    /// <summary>The latest checkpoint (weights, step, RNG and optimizer state).</summary>
    public const string CheckpointFileName = "ckpt.safetensors";

    /// <summary>The checkpoint with the best validation metric so far.</summary>
    public const string BestCheckpointFileName = "best.safetensors";

    /// <summary>The stamp format: UTC, sortable as text.</summary>
    public const string StampFormat = "yyyyMMdd-HHmmss";

    private MetricsFile? _metrics;

    private RunFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path).TrimEnd(System.IO.Path.DirectorySeparatorChar);
        Name = System.IO.Path.GetFileName(Path);
    }

    /// <summary>Absolute path of the folder.</summary>
    public string Path { get; }

    /// <summary>The folder name, e.g. <c>20261121-235959-demo</c>.</summary>
    public string Name { get; }

    /// <summary>When the run was created (UTC, from the folder name), or null for a folder named otherwise.</summary>
    public DateTime? StartedUtc => ParseStamp(Name);

    /// <summary><c>config.json</c> in this folder.</summary>
    public string ConfigPath => File(ConfigFileName);

    /// <summary><c>metrics.json</c> in this folder.</summary>
    public string MetricsPath => File(MetricsFileName);

    /// <summary><c>ckpt.safetensors</c> in this folder.</summary>
    public string CheckpointPath => File(CheckpointFileName);

    /// <summary><c>best.safetensors</c> in this folder.</summary>
    public string BestCheckpointPath => File(BestCheckpointFileName);

    /// <summary>True once a checkpoint has been written (a run that can be resumed).</summary>
    public bool HasCheckpoint => System.IO.File.Exists(CheckpointPath);

    /// <summary>The metrics file of this run (created on first write).</summary>
    public MetricsFile Metrics => _metrics ??= new MetricsFile(MetricsPath);

    /// <summary>A path inside the folder.</summary>
    public string File(string fileName) => System.IO.Path.Combine(Path, fileName);

    /// <summary>
    /// Creates <c>&lt;runsRoot&gt;/&lt;stamp&gt;-&lt;name&gt;</c> (and <paramref name="runsRoot"/> if needed). The name
    /// is made file-system safe (<see cref="SafeName"/>); the clock is injectable for tests.
    /// </summary>
    public static RunFolder Create(string runsRoot, string name, TimeProvider? clock = null)
    {
        Directory.CreateDirectory(runsRoot);
        var stem = Stamp((clock ?? TimeProvider.System).GetUtcNow().UtcDateTime) + "-" + SafeName(name);
        for (var n = 1; ; n++)
        {
            var path = System.IO.Path.Combine(runsRoot, n == 1 ? stem : $"{stem}-{n}");
            if (!Directory.Exists(path) && !System.IO.File.Exists(path))
            {
                Directory.CreateDirectory(path);
                return new RunFolder(path);
            }
        }
    }

    /// <summary>
    /// Opens an existing run (for resume or inspection). Throws <see cref="DirectoryNotFoundException"/> when the
    /// folder is missing and <see cref="FileNotFoundException"/> when it has no <c>config.json</c>. Temp files left
    /// by a killed writer are removed.
    /// </summary>
    public static RunFolder Open(string path)
    {
        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"no run folder at {path}");
        }
        var run = new RunFolder(path);
        if (!System.IO.File.Exists(run.ConfigPath))
        {
            throw new FileNotFoundException($"{path} is not a run folder: it has no {ConfigFileName}", run.ConfigPath);
        }
        AtomicFile.RemoveLeftovers(run.Path);
        return run;
    }

    /// <summary><c>latest</c> (or <c>latest:&lt;name&gt;</c>) means the newest run under <paramref name="runsRoot"/>; anything else is a path.</summary>
    public static RunFolder Resolve(string pathOrLatest, string runsRoot)
    {
        if (pathOrLatest == "latest" || pathOrLatest.StartsWith("latest:", StringComparison.Ordinal))
        {
            var name = pathOrLatest.Length > "latest:".Length ? pathOrLatest["latest:".Length..] : null;
            var latest = Latest(runsRoot, name)
                ?? throw new DirectoryNotFoundException($"no runs{(name is null ? "" : $" named {name}")} under {runsRoot}");
            return Open(latest.Path);
        }
        return Open(pathOrLatest);
    }

    /// <summary>
    /// The runs under <paramref name="runsRoot"/> (folders named <c>stamp-name</c> that hold <c>config.json</c>),
    /// oldest first; ties within one second are ordered by the time config.json was written.
    /// </summary>
    public static IReadOnlyList<RunFolder> List(string runsRoot, string? name = null)
    {
        if (!Directory.Exists(runsRoot))
        {
            return [];
        }
        return Directory.EnumerateDirectories(runsRoot)
            .Select(d => new RunFolder(d))
            .Where(r => r.StartedUtc is not null && System.IO.File.Exists(r.ConfigPath))
            .Where(r => name is null || r.HasName(SafeName(name)))
            .OrderBy(r => r.StartedUtc)
            .ThenBy(r => System.IO.File.GetLastWriteTimeUtc(r.ConfigPath))
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The newest run (optionally of one name), or null when there is none.</summary>
    public static RunFolder? Latest(string runsRoot, string? name = null) => List(runsRoot, name).LastOrDefault();

    /// <summary>Writes the resolved config as <c>config.json</c> (atomically, snake_case, indented).</summary>
    public void WriteConfig(object config) => AtomicFile.WriteText(ConfigPath, ConfigJson.Serialize(config));

    /// <summary>Reads <c>config.json</c> back into <typeparamref name="T"/>, with optional overrides.</summary>
    public T ReadConfig<T>(IEnumerable<string>? overrides = null) where T : class, new() =>
        ConfigLoader.Load<T>(ConfigPath, overrides);

    /// <summary>The UTC stamp of a time, e.g. <c>20261121-235959</c>.</summary>
    public static string Stamp(DateTime utc) => utc.ToString(StampFormat, CultureInfo.InvariantCulture);

    /// <summary>A name fit for a folder: letters, digits, '.', '_' and '-' kept, runs of others become one '-'.</summary>
    public static string SafeName(string name)
    {
        var safe = UnsafeChars().Replace(name.Trim(), "-").Trim('-', '.');
        return safe.Length == 0 ? "run" : safe;
    }

    /// <inheritdoc/>
    public override string ToString() => Path;

    // The part after the stamp is the name, or the name plus a -2, -3 uniqueness suffix.
    private bool HasName(string safeName)
    {
        var rest = Name[(StampFormat.Length + 1)..];
        return rest == safeName || rest.StartsWith(safeName + "-", StringComparison.Ordinal)
            && UniqueSuffix().IsMatch(rest[safeName.Length..]);
    }

    private static DateTime? ParseStamp(string folderName) =>
        folderName.Length > StampFormat.Length + 1 && folderName[StampFormat.Length] == '-'
        && DateTime.TryParseExact(folderName[..StampFormat.Length], StampFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc)
            ? utc
            : null;

    [GeneratedRegex("[^A-Za-z0-9._-]+")]
    private static partial Regex UnsafeChars();

    [GeneratedRegex("^-[0-9]+$")]
    private static partial Regex UniqueSuffix();
}
