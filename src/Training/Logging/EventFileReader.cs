using Google.Protobuf;
using Trainer.Training.Logging.Model;
using Trainer.Training.Logging.Proto;
using Trainer.Training.Logging.TfRecord;

namespace Trainer.Training.Logging;

/// <summary>An event read back from a file, with the byte offset of its record.</summary>
public readonly record struct EventAt(long Offset, EventRecord Event);

/// <summary>
/// Reads an event file: every record's two CRCs are checked and every Event decoded. A bad CRC, a truncated
/// record or undecodable bytes throw <see cref="EventFileCorruptException"/> naming the file and byte offset.
/// With <c>tolerateTruncatedTail</c>, a record cut short at the very end (a writer still running) is skipped
/// and reported in <see cref="TruncatedTailOffset"/> instead.
/// </summary>
public sealed class EventFileReader
{
    private readonly string _path;
    private readonly bool _tolerateTruncatedTail;

    /// <summary>A reader for the file at <paramref name="path"/>.</summary>
    public EventFileReader(string path, bool tolerateTruncatedTail = false)
    {
        _path = path;
        _tolerateTruncatedTail = tolerateTruncatedTail;
    }

    /// <summary>Offset of a tolerated truncated final record after a full read, else null.</summary>
    public long? TruncatedTailOffset { get; private set; }

    /// <summary>Reads and decodes every event of <paramref name="path"/> (strict: any damage throws).</summary>
    public static List<EventRecord> ReadAll(string path) => [.. new EventFileReader(path).Events().Select(e => e.Event)];

    /// <summary>Streams the events with their offsets.</summary>
    public IEnumerable<EventAt> Events()
    {
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var records = new TfRecordReader(stream, _path, _tolerateTruncatedTail);
        foreach (var record in records.ReadAll())
        {
            yield return new EventAt(record.Offset, Decode(record));
        }

        TruncatedTailOffset = records.TruncatedTailOffset;
    }

    private EventRecord Decode(TfRecordEntry record)
    {
        try
        {
            return EventDecoder.Decode(record.Data);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidDataException)
        {
            throw new EventFileCorruptException(_path, record.Offset, $"record passes its CRC but is not an Event: {e.Message}", e);
        }
    }
}
