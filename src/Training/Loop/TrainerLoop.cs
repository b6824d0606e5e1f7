using System.Diagnostics;
using Trainer.Models.Core;
using Trainer.Torch;
using Trainer.Torch.Nn;
using Trainer.Torch.Optim;
using Trainer.Training.Distributed;
using static Trainer.Torch.torch;

namespace Trainer.Training.Loop;

/// <summary>
/// The model-agnostic training loop. Per optimizer step:
/// lr from the schedule -> forward/backward over <c>grad_accum</c> micro-batches -> NaN check -> clip -> step -> log;
/// then evaluation and checkpoint at their intervals. Subscribers (TensorBoard, checkpoints, progress, probes) listen
/// to the events; the loop itself writes nothing.
/// Batches are a pure function of the step, so a run resumed from a checkpoint at step s continues bit for bit.
/// </summary>
public sealed class TrainerLoop
{
    private readonly ITrainable _model;
    private readonly IBatchSource _data;
    private readonly TrainConfig _config;
    private readonly Optimizer _optimizer;
    private readonly LrSchedule _schedule;

    public TrainerLoop(ITrainable model, IBatchSource data, TrainConfig config)
    {
        _model = model;
        _data = data;
        _config = config;
        TotalSteps = config.Epochs > 0 ? config.Epochs * Math.Max(1, data.StepsPerEpoch) : config.Steps;
        _optimizer = OptimizerFactory.Create(config, model.Module);
        _schedule = new LrSchedule(config, TotalSteps);
        State = new LoopState();
    }

    public event EventHandler<StepEndedEventArgs>? StepEnded;

    public event EventHandler<EvaluatedEventArgs>? Evaluated;

    /// <summary>Raised when a checkpoint should be written (at the interval, at the end, on stop requests).</summary>
    public event EventHandler<CheckpointEventArgs>? CheckpointDue;

    public event EventHandler<RunEndedEventArgs>? RunEnded;

    public long TotalSteps { get; }

    public Optimizer Optimizer => _optimizer;

    public Module Module => _model.Module;

    /// <summary>Step counter and early-stopping memory; saved in checkpoints.</summary>
    public LoopState State { get; }

    /// <summary>
    /// Called after the backward passes of each step, before clipping: data-parallel training averages the gradients
    /// over workers there (see Training/Distributed). Null for a single process.
    /// </summary>
    public IGradientSync? GradientSync { get; set; }

    /// <summary>Runs from <see cref="LoopState.Step"/> to the end, or until stopped.</summary>
    public RunEndedEventArgs Run(CancellationToken cancel = default)
    {
        var wall = Stopwatch.StartNew();
        _model.Module.train();
        string reason = "completed";
        while (State.Step < TotalSteps)
        {
            if (cancel.IsCancellationRequested)
            {
                reason = "interrupted";
                break;
            }

            if (_config.MaxMinutes > 0 && wall.Elapsed.TotalMinutes >= _config.MaxMinutes)
            {
                reason = "wall-time limit";
                break;
            }

            StepEndedEventArgs step = TrainStep();
            State.Step++;
            StepEnded?.Invoke(this, step);

            bool last = State.Step == TotalSteps;
            if ((_config.EvalEvery > 0 && State.Step % _config.EvalEvery == 0) || last)
            {
                if (Evaluate() is { } stop)
                {
                    reason = stop;
                    break;
                }
            }

            if (_config.CheckpointEvery > 0 && State.Step % _config.CheckpointEvery == 0 && !last)
            {
                CheckpointDue?.Invoke(this, new CheckpointEventArgs(State.Step, "interval"));
            }
        }

        CheckpointDue?.Invoke(this, new CheckpointEventArgs(State.Step, reason));
        var ended = new RunEndedEventArgs(State.Step, reason, State.LastMetrics, wall.Elapsed);
        RunEnded?.Invoke(this, ended);
        return ended;
    }

    private StepEndedEventArgs TrainStep()
    {
        var sw = Stopwatch.StartNew();
        double lr = _schedule.At(State.Step);
        _optimizer.set_lr(lr);
        _optimizer.zero_grad();
        double lossSum = 0;
        long tokens = 0;
        int accum = _config.GradAccum;
        for (int micro = 0; micro < accum; micro++)
        {
            using var scope = NewDisposeScope();
            using Batch batch = _data.Train(State.Step * accum + micro);
            Tensor loss = _model.Loss(batch);
            double value = loss.item<double>();
            if (!double.IsFinite(value))
            {
                throw new TrainingDivergedException(State.Step, value);
            }

            (accum == 1 ? loss : loss / accum).backward();
            lossSum += value;
            tokens += batch.Tokens;
        }

        double meanLoss = lossSum / accum;
        if (GradientSync is { } sync)
        {
            meanLoss = sync.Synchronize(_model.Module, meanLoss);
        }

        double gradNorm = _config.GradClip > 0
            ? nn.utils.clip_grad_norm_(_model.Module.parameters(), _config.GradClip)
            : GradNorm();
        if (!double.IsFinite(gradNorm))
        {
            throw new TrainingDivergedException(State.Step, gradNorm, "gradient norm");
        }

        _optimizer.step();
        return new StepEndedEventArgs(State.Step + 1, meanLoss, lr, gradNorm, sw.Elapsed.TotalSeconds, tokens);
    }

    private double GradNorm()
    {
        using var scope = NewDisposeScope();
        double sq = 0;
        foreach (Parameter p in _model.Module.parameters())
        {
            using Tensor? g = p.grad;
            if (g is not null)
            {
                double n = (g.is_sparse ? g.coalesce()._values() : g).norm().item<double>();
                sq += n * n;
            }
        }

        return Math.Sqrt(sq);
    }

    /// <summary>Averages the model's metrics over the validation batches; returns a stop reason or null.</summary>
    public string? Evaluate()
    {
        var sums = new Dictionary<string, double>();
        int n = 0;
        _model.Module.eval();
        using (no_grad())
        {
            foreach (Batch b in _data.Validation())
            {
                using var scope = NewDisposeScope();
                using (b)
                {
                    foreach (var (k, v) in _model.Evaluate(b))
                    {
                        sums[k] = sums.GetValueOrDefault(k) + v;
                    }
                }

                n++;
            }
        }

        _model.Module.train();
        var metrics = sums.ToDictionary(kv => "val/" + kv.Key, kv => kv.Value / Math.Max(1, n));
        State.LastMetrics = metrics;
        bool improved = State.Observe(metrics, _config);
        Evaluated?.Invoke(this, new EvaluatedEventArgs(State.Step, metrics, improved));
        return State.ShouldStop(_config) ? $"early stop: {_config.EarlyStopMetric} did not improve for {_config.EarlyStopPatience} evaluations" : null;
    }
}
