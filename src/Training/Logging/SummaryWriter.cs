using Trainer.Training.Logging.Model;

namespace Trainer.Training.Logging;

/// <summary>
/// Writes TensorBoard event files with PyTorch's <c>SummaryWriter</c> method names. The main event file sits in
/// <see cref="LogDir"/>; <c>add_scalars</c> and <c>add_hparams</c> write to sub-folders (extra TensorBoard runs) as
/// PyTorch does. Thread-safe. Events are buffered and reach disk on <see cref="flush"/>, every
/// <see cref="SummaryWriterOptions.FlushSeconds"/>, and on <see cref="close"/>/<see cref="Dispose"/>.
/// Wall times are Unix seconds (double); steps are the <c>globalStep</c> arguments.
/// </summary>
public sealed partial class SummaryWriter : IDisposable
{
    private readonly EventFileWriter _main;
    private readonly Dictionary<string, EventFileWriter> _scalarsWriters = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly SummaryWriterOptions _options;
    private readonly Timer? _timer;
    private bool _closed;

    /// <summary>Opens a writer whose main event file goes in <paramref name="logDir"/> (created when missing).</summary>
    public SummaryWriter(string logDir, SummaryWriterOptions? options = null)
    {
        _options = options ?? new SummaryWriterOptions();
        _main = NewFileWriter(logDir);
        if (_options.FlushSeconds > 0)
        {
            var period = TimeSpan.FromSeconds(_options.FlushSeconds);
            _timer = new Timer(_ => flush(), null, period, period);
        }
    }

    /// <summary>Full path of the log folder.</summary>
    public string LogDir => _main.LogDir;

    /// <summary>Full path of the main event file.</summary>
    public string FilePath => _main.FilePath;

    /// <summary>Event files this writer has opened so far (main first, then add_scalars sub-runs).</summary>
    public IReadOnlyList<string> FilePaths
    {
        get
        {
            lock (_lock)
            {
                return [_main.FilePath, .. _scalarsWriters.Values.Select(w => w.FilePath)];
            }
        }
    }

    /// <summary>Logs scalar y at step s under <paramref name="tag"/> (stored as float32 simple_value).</summary>
    public void add_scalar(string tag, double scalarValue, long globalStep = 0, double? walltime = null) =>
        Main().AddSummary(globalStep, walltime, SummaryFactory.Scalar(tag, scalarValue));

    /// <summary>
    /// Logs several scalars on one chart: key k goes to run folder <c>&lt;logDir&gt;/&lt;mainTag with '/'→'_'&gt;_&lt;k&gt;</c>
    /// under tag <paramref name="mainTag"/>, as PyTorch does; all share one wall time.
    /// </summary>
    public void add_scalars(string mainTag, IReadOnlyDictionary<string, double> tagScalarDict, long globalStep = 0, double? walltime = null)
    {
        var time = walltime ?? _main.Now();
        foreach (var (key, value) in tagScalarDict)
        {
            var folder = Path.Combine(LogDir, mainTag.Replace('/', '_') + "_" + key);
            ScalarsWriter(folder).AddSummary(globalStep, time, SummaryFactory.Scalar(mainTag, value));
        }
    }

    /// <summary>
    /// Logs a histogram of <paramref name="values"/>. <paramref name="bins"/> null uses PyTorch's default
    /// ("tensorflow") edges; bins = N uses N equal-width bins over the finite [min, max], like <c>bins=N</c>.
    /// <paramref name="maxBins"/> merges neighbouring bins down to at most that many (PyTorch's max_bins).
    /// </summary>
    public void add_histogram(
        string tag,
        ReadOnlySpan<double> values,
        long globalStep = 0,
        int? bins = null,
        int? maxBins = null,
        double? walltime = null)
    {
        var histogram = bins is { } n
            ? HistogramBuilder.Build(values, UniformEdgesOver(tag, values, n), maxBins)
            : HistogramBuilder.Build(values, maxBins);
        Main().AddSummary(globalStep, walltime, SummaryFactory.Histogram(tag, histogram));
    }

    /// <summary>Logs a histogram of float values (converted to double first, as PyTorch does).</summary>
    public void add_histogram(
        string tag,
        ReadOnlySpan<float> values,
        long globalStep = 0,
        int? bins = null,
        int? maxBins = null,
        double? walltime = null) =>
        add_histogram(tag, ToDoubles(values), globalStep, bins, maxBins, walltime);

    /// <summary>Logs a histogram from precomputed statistics and buckets (PyTorch's add_histogram_raw).</summary>
    public void add_histogram_raw(
        string tag,
        double min,
        double max,
        double num,
        double sum,
        double sumSquares,
        double[] bucketLimits,
        double[] bucketCounts,
        long globalStep = 0,
        double? walltime = null)
    {
        if (bucketLimits.Length != bucketCounts.Length)
        {
            throw new ArgumentException($"bucket limits ({bucketLimits.Length}) and counts ({bucketCounts.Length}) differ in length");
        }

        var histogram = new HistogramData(min, max, num, sum, sumSquares, bucketLimits, bucketCounts);
        Main().AddSummary(globalStep, walltime, SummaryFactory.Histogram(tag, histogram));
    }

    /// <summary>Logs markdown text (text plugin) under <c>&lt;tag&gt;/text_summary</c>.</summary>
    public void add_text(string tag, string textString, long globalStep = 0, double? walltime = null) =>
        Main().AddSummary(globalStep, walltime, SummaryFactory.Text(tag, textString));

    /// <summary>Logs an image from 8-bit HWC pixels (1, 2, 3 or 4 channels), written as PNG.</summary>
    public void add_image(string tag, ReadOnlySpan<byte> pixels, int height, int width, int channels, long globalStep = 0, double? walltime = null) =>
        Main().AddSummary(globalStep, walltime, SummaryFactory.Image(tag, pixels, height, width, channels));

    /// <summary>Logs an image from floats in [0, 1] laid out as <paramref name="dataformats"/> ("CHW", "HWC", "HW").</summary>
    public void add_image(
        string tag,
        ReadOnlySpan<float> values,
        int height,
        int width,
        int channels,
        long globalStep = 0,
        string dataformats = "CHW",
        double? walltime = null) =>
        Main().AddSummary(globalStep, walltime, SummaryFactory.Image(tag, values, height, width, channels, dataformats));

    /// <summary>Writes all buffered events of every file of this writer to the OS.</summary>
    public void flush()
    {
        foreach (var writer in Writers())
        {
            writer.Flush();
        }
    }

    /// <summary>Flushes and closes every file; later add_* calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void close()
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
        }

        _timer?.Dispose();
        foreach (var writer in Writers())
        {
            writer.Dispose();
        }
    }

    /// <summary>Same as <see cref="close"/>.</summary>
    public void Dispose() => close();

    private static double[] UniformEdgesOver(string tag, ReadOnlySpan<double> values, int bins)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        if (min > max)
        {
            throw new ArgumentException($"histogram '{tag}' has no finite values");
        }

        return HistogramBuilder.UniformEdges(min, max, bins);
    }

    private EventFileWriter Main()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
        }

        return _main;
    }

    private EventFileWriter ScalarsWriter(string folder)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (!_scalarsWriters.TryGetValue(folder, out var writer))
            {
                writer = NewFileWriter(folder);
                _scalarsWriters[folder] = writer;
            }

            return writer;
        }
    }

    private EventFileWriter NewFileWriter(string folder) => new(folder, _options.Clock, _options.FilenameSuffix);

    private List<EventFileWriter> Writers()
    {
        lock (_lock)
        {
            return [_main, .. _scalarsWriters.Values];
        }
    }

    private static double[] ToDoubles(ReadOnlySpan<float> values)
    {
        var doubles = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            doubles[i] = values[i];
        }

        return doubles;
    }
}
