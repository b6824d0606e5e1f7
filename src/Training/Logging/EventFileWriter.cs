using Trainer.Training.Logging.Model;
using Trainer.Training.Logging.Proto;
using Trainer.Training.Logging.TfRecord;

namespace Trainer.Training.Logging;

/// <summary>
/// Appends events to one event file in a log folder: creates the folder, names the file
/// (<see cref="EventFileNames"/>), writes the file-version record first, then TFRecord-framed events.
/// Thread-safe; records go through a buffered stream and reach the OS on <see cref="Flush"/> (called by the
/// owner's timer), when the buffer fills, and on <see cref="Dispose"/>. Each record is written whole under a lock.
/// </summary>
public sealed class EventFileWriter : IDisposable
{
    private const int BufferSize = 1 << 16;
    private readonly Lock _lock = new();
    private readonly FileStream _stream;
    private readonly Func<double> _clock;
    private bool _disposed;

    /// <summary>Opens a new event file under <paramref name="logDir"/>, using <paramref name="clock"/> for wall times.</summary>
    public EventFileWriter(string logDir, Func<double>? clock = null, string filenameSuffix = "")
    {
        _clock = clock ?? WallClock.Now;
        LogDir = Path.GetFullPath(logDir);
        Directory.CreateDirectory(LogDir);
        var now = _clock();
        FilePath = Path.Combine(LogDir, EventFileNames.Next(now, filenameSuffix));
        _stream = new FileStream(FilePath, FileMode.CreateNew, FileAccess.Write, FileShare.Read, BufferSize);
        WriteEvent(EventRecord.FileVersionEvent(now));
        Flush();
    }

    /// <summary>The folder (a TensorBoard "run") holding the file.</summary>
    public string LogDir { get; }

    /// <summary>Full path of the event file.</summary>
    public string FilePath { get; }

    /// <summary>The wall clock this writer stamps events with.</summary>
    public double Now() => _clock();

    /// <summary>Appends one event.</summary>
    public void WriteEvent(EventRecord e) => WriteRecord(EventEncoder.Encode(e));

    /// <summary>Appends an event carrying <paramref name="values"/>; wall time defaults to now.</summary>
    public void AddSummary(long step, double? wallTime, params SummaryValue[] values) =>
        WriteEvent(EventRecord.Summary(wallTime ?? _clock(), step, values));

    /// <summary>Appends one TFRecord holding <paramref name="data"/>.</summary>
    public void WriteRecord(ReadOnlySpan<byte> data)
    {
        var record = TfRecordFormat.Frame(data);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _stream.Write(record);
        }
    }

    /// <summary>Pushes buffered records to the OS so a reader (TensorBoard) sees them.</summary>
    public void Flush()
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _stream.Flush();
            }
        }
    }

    /// <summary>Flushes and closes the file; later writes throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _stream.Flush();
            _stream.Dispose();
        }
    }
}
