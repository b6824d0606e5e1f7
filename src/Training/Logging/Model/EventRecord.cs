namespace Trainer.Training.Logging.Model;

/// <summary>
/// One TensorBoard <c>Event</c> (tensorflow event.proto): wall time t (Unix seconds, double), global step s,
/// and either the file version string (first record of a file) or a summary with values.
/// </summary>
/// <param name="WallTime">Seconds since the Unix epoch (field 1, double).</param>
/// <param name="Step">Global step (field 2, int64).</param>
/// <param name="FileVersion">"brain.Event:2" on the first record of a file (field 3), else null.</param>
/// <param name="Values">Summary values (field 5, Summary.value); empty for a file-version event.</param>
public sealed record EventRecord(double WallTime, long Step, string? FileVersion, IReadOnlyList<SummaryValue> Values)
{
    /// <summary>The version string TensorBoard expects on the first record.</summary>
    public const string CurrentFileVersion = "brain.Event:2";

    /// <summary>The first record of every event file.</summary>
    public static EventRecord FileVersionEvent(double wallTime) => new(wallTime, 0, CurrentFileVersion, []);

    /// <summary>An event carrying one summary with the given values.</summary>
    public static EventRecord Summary(double wallTime, long step, params SummaryValue[] values) => new(wallTime, step, null, values);

    /// <summary>True when the event carries a summary (field 5 present).</summary>
    public bool HasSummary => FileVersion is null;
}
