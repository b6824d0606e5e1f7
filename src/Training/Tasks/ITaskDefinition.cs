using Trainer.Data.Graphs;
using Trainer.Models.Core;
using Trainer.Training.Loop;

namespace Trainer.Training.Tasks;

/// <summary>
/// A trainable experiment kind: its config record type (with <c>task</c>, <c>name</c>, <c>seed</c>, and the
/// <c>data</c>, <c>model</c>, <c>train</c> sections) and how to build the model and its batches from it.
/// </summary>
public interface ITaskDefinition
{
    /// <summary>The value of the config's <c>task</c> key, e.g. "graph-memory".</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>The config record bound strictly from JSON (snake_case keys).</summary>
    Type ConfigType { get; }

    PreparedTask Prepare(object config);
}

/// <summary>Everything a training session needs, plus what the probes need to know about the data.</summary>
public sealed record PreparedTask(
    ITrainable Model,
    IBatchSource Data,
    TrainConfig Train,
    string RunName,
    TaskContext Context);

/// <summary>What the probes and reports know about a task: the graph the model memorised, if any.</summary>
public sealed record TaskContext(Graph? Graph, int NodeCount, string ModelKind);
