using System.Globalization;
using Trainer.Models.Core;
using Trainer.Training.Config;
using Trainer.Training.Progress;
using Trainer.Training.Runs;

namespace Trainer.Training.Loop;

/// <summary>
/// One training run in a run folder: wires the loop to TensorBoard, checkpoints (ckpt.safetensors at intervals and at
/// the end, best.safetensors on improvement), metrics.json and the progress display; resumes from the folder's
/// checkpoint when asked.
/// </summary>
public sealed class TrainingSession
{
    private readonly RunFolder _run;
    private readonly TrainerLoop _loop;
    private readonly string _configJson;
    private readonly object _config;
    private readonly TrainConfig _train;

    /// <param name="config">The whole resolved experiment config (written to config.json and the checkpoint).</param>
    public TrainingSession(RunFolder run, ITrainable model, IBatchSource data, TrainConfig train, object config)
    {
        _run = run;
        _train = train;
        _config = config;
        _configJson = ConfigJson.Serialize(config);
        _loop = new TrainerLoop(model, data, train);
    }

    public TrainerLoop Loop => _loop;

    public RunFolder Run => _run;

    /// <summary>Restores the run folder's checkpoint (weights, optimizer, RNG, step). False when there is none.</summary>
    public bool Resume()
    {
        if (!_run.HasCheckpoint)
        {
            return false;
        }

        Checkpoint.Load(_run.CheckpointPath, _loop);
        // Metrics logged after the checkpoint belong to steps that will be replayed.
        _run.Metrics.TruncateAfter(_loop.State.Step);
        return true;
    }

    /// <summary>Trains to the end (or until stopped); checkpoints are written even when the loop throws.</summary>
    public RunEndedEventArgs Execute(IProgressSink progress, CancellationToken cancel = default)
    {
        AtomicFile.WriteText(_run.ConfigPath, _configJson);
        using var tb = new TensorBoardSubscriber(_run.Path, _loop, _train, _configJson, ConfigJson.Flatten(_config));
        _loop.CheckpointDue += (_, e) => Checkpoint.Save(_run.CheckpointPath, _loop, _configJson);
        _loop.Evaluated += (_, e) =>
        {
            _run.Metrics.Append("eval", e.Step, e.Metrics);
            if (e.Improved)
            {
                Checkpoint.SaveWeights(_run.BestCheckpointPath, _loop,
                    e.Metrics.ToDictionary(kv => kv.Key, kv => kv.Value.ToString("R", CultureInfo.InvariantCulture)));
            }

            progress.Log($"step {e.Step}: " + string.Join("  ", e.Metrics.Select(kv => $"{kv.Key} {kv.Value:G5}")));
        };
        long total = _loop.TotalSteps;
        long tokens = 0;
        _loop.StepEnded += (_, e) =>
        {
            tokens += e.Tokens; // ProgressUpdate.Tokens is cumulative
            progress.Report(new ProgressUpdate(e.Step, total, e.Loss, tokens));
            if (e.Step % _train.LogEvery == 0 || e.Step == total)
            {
                _run.Metrics.Append("train", e.Step, new Dictionary<string, double>
                {
                    ["loss"] = e.Loss,
                    ["lr"] = e.Lr,
                    ["grad_norm"] = e.GradNorm,
                });
            }
        };

        RunEndedEventArgs ended = _loop.Run(cancel);
        _run.Metrics.Set("final", System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ended.Metrics)));
        _run.Metrics.Set("steps", ended.Step);
        _run.Metrics.Set("end_reason", ended.Reason);
        progress.Complete(new ProgressUpdate(ended.Step, total), ended.Reason);
        return ended;
    }
}
