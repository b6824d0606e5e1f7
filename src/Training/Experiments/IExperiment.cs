using Trainer.Training.Progress;
using Trainer.Training.Runs;

namespace Trainer.Training.Experiments;

/// <summary>
/// A named end-to-end experiment (<c>trainer experiment &lt;name&gt;</c>): it trains or sweeps, measures, puts the
/// theory's number or curve beside each measurement, and writes its results and report into one run folder.
/// </summary>
public interface IExperiment
{
    /// <summary>The name on the command line, e.g. "dam-capacity".</summary>
    string Name { get; }

    /// <summary>One line: what it reproduces.</summary>
    string Description { get; }

    /// <summary>The config record (snake_case JSON keys, strict binding); must have a parameterless constructor.</summary>
    Type ConfigType { get; }

    /// <summary>The config for a scale: "small" runs in minutes on 2 CPU cores, "large" is the paper-sized one.</summary>
    object DefaultConfig(string scale);

    /// <summary>Runs the experiment into <see cref="ExperimentContext.Run"/>; returns the report it wrote.</summary>
    ExperimentReport Execute(object config, ExperimentContext context);
}

/// <summary>Where an experiment writes: its run folder, progress display, cancellation.</summary>
public sealed record ExperimentContext(RunFolder Run, IProgressSink Progress, CancellationToken Cancel, string Scale)
{
    /// <summary>How training runs inside the experiment show progress (a live bar per run on a terminal).</summary>
    public ProgressMode Mode { get; init; } = ProgressMode.Quiet;

    /// <summary>A file in the run folder.</summary>
    public string File(string name) => Run.File(name);
}
