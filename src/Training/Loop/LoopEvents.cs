namespace Trainer.Training.Loop;

/// <summary>One optimizer step finished. <see cref="Step"/> counts completed steps (1 after the first).</summary>
public sealed class StepEndedEventArgs(long step, double loss, double lr, double gradNorm, double seconds, long tokens) : EventArgs
{
    public long Step { get; } = step;
    public double Loss { get; } = loss;
    public double Lr { get; } = lr;
    public double GradNorm { get; } = gradNorm;
    public double Seconds { get; } = seconds;
    public long Tokens { get; } = tokens;
}

/// <summary>Validation metrics ("val/loss", "val/acc", ...) after <see cref="Step"/> steps.</summary>
public sealed class EvaluatedEventArgs(long step, IReadOnlyDictionary<string, double> metrics, bool improved) : EventArgs
{
    public long Step { get; } = step;
    public IReadOnlyDictionary<string, double> Metrics { get; } = metrics;

    /// <summary>True when the early-stop metric (if any) reached a new best: subscribers save best.safetensors.</summary>
    public bool Improved { get; } = improved;
}

public sealed class CheckpointEventArgs(long step, string reason) : EventArgs
{
    public long Step { get; } = step;
    public string Reason { get; } = reason;
}

/// <summary>The run stopped: "completed", "interrupted", "early stop: ...", "wall-time limit".</summary>
public sealed class RunEndedEventArgs(long step, string reason, IReadOnlyDictionary<string, double> metrics, TimeSpan elapsed) : EventArgs
{
    public long Step { get; } = step;
    public string Reason { get; } = reason;
    public IReadOnlyDictionary<string, double> Metrics { get; } = metrics;
    public TimeSpan Elapsed { get; } = elapsed;
}

/// <summary>The loss or the gradient norm became NaN or infinite; the last good checkpoint is kept.</summary>
public sealed class TrainingDivergedException : Exception
{
    public TrainingDivergedException()
    {
    }

    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    public TrainingDivergedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public TrainingDivergedException(long step, double value, string what = "loss")
        : base($"the {what} became {value} at step {step + 1}; training stopped and the last good checkpoint was kept. " +
               "Lower train.lr, enable train.grad_clip, or check the data.")
    {
        Step = step + 1;
    }

    public long Step { get; }
}
