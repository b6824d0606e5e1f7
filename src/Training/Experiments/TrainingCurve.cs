using Trainer.Training.Loop;

namespace Trainer.Training.Experiments;

/// <summary>
/// The curves of one training run, collected from the loop's events: the training loss of every step and the
/// validation metrics of every evaluation ("val/loss", "val/decision_acc", ...), in step order.
/// </summary>
public sealed class TrainingCurve
{
    private readonly List<(double Step, double Loss)> _loss = new();
    private readonly Dictionary<string, List<(double Step, double Value)>> _eval = new(StringComparer.Ordinal);

    /// <summary>(step, training loss) per optimizer step.</summary>
    public IReadOnlyList<(double Step, double Loss)> Loss => _loss;

    /// <summary>(step, value) of one validation metric; empty when it was never reported.</summary>
    public IReadOnlyList<(double Step, double Value)> Eval(string key) =>
        _eval.TryGetValue(key, out var points) ? points : [];

    /// <summary>Subscribes to the loop's step and evaluation events.</summary>
    public void Attach(TrainerLoop loop)
    {
        loop.StepEnded += (_, e) => _loss.Add((e.Step, e.Loss));
        loop.Evaluated += (_, e) =>
        {
            foreach (var (k, v) in e.Metrics)
            {
                if (!_eval.TryGetValue(k, out var points))
                {
                    _eval[k] = points = new List<(double, double)>();
                }

                points.Add((e.Step, v));
            }
        };
    }

    /// <summary>The training loss averaged over windows of <paramref name="window"/> steps, at each window's last step.</summary>
    public IReadOnlyList<(double X, double Y)> SmoothedLoss(int window)
    {
        var result = new List<(double, double)>();
        for (int start = 0; start < _loss.Count; start += window)
        {
            var chunk = _loss.Skip(start).Take(window).ToList();
            result.Add((chunk[^1].Step, chunk.Average(p => p.Loss)));
        }

        return result;
    }

    /// <summary>Mean training loss over the last <paramref name="fraction"/> of the steps (NaN before any step).</summary>
    public double FinalLoss(double fraction = 0.1)
    {
        if (_loss.Count == 0)
        {
            return double.NaN;
        }

        int n = Math.Max(1, (int)Math.Ceiling(_loss.Count * fraction));
        return _loss.Skip(_loss.Count - n).Average(p => p.Loss);
    }
}
