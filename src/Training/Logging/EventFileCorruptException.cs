namespace Trainer.Training.Logging;

/// <summary>An event (TFRecord) file whose bytes fail a CRC, are truncated or do not decode.</summary>
public sealed class EventFileCorruptException : IOException
{
    /// <summary>Creates the exception; the message names the file and the record's byte offset.</summary>
    public EventFileCorruptException(string filePath, long offset, string reason, Exception? inner = null)
        : base($"{filePath}: corrupt record at byte offset {offset}: {reason}", inner)
    {
        FilePath = filePath;
        Offset = offset;
        Reason = reason;
    }

    /// <summary>The file (or stream name) that failed.</summary>
    public string FilePath { get; }

    /// <summary>Byte offset of the start of the failing record.</summary>
    public long Offset { get; }

    /// <summary>What was wrong.</summary>
    public string Reason { get; }
}
