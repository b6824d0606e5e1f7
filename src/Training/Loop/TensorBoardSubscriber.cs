using Trainer.Torch;
using Trainer.Torch.Nn;
using Trainer.Training.Logging;
using Trainer.Training.Logging.HParams;

namespace Trainer.Training.Loop;

/// <summary>
/// Writes the loop's events to TensorBoard: train/loss, lr, grad_norm, step_time, tokens_per_sec every
/// <c>log_every</c> steps; val/* at each evaluation; parameter and gradient histograms every
/// <c>histogram_every</c> steps; the resolved config as text at the start and as hparams with the final metrics.
/// </summary>
public sealed class TensorBoardSubscriber : IDisposable
{
    private readonly SummaryWriter _writer;
    private readonly TrainConfig _config;
    private readonly IReadOnlyDictionary<string, object?> _flatConfig;

    public TensorBoardSubscriber(string logDir, TrainerLoop loop, TrainConfig config, string configJson,
        IReadOnlyDictionary<string, object?> flatConfig)
    {
        _writer = new SummaryWriter(logDir);
        _config = config;
        _flatConfig = flatConfig;
        _writer.add_text("config", "```json\n" + configJson + "\n```", loop.State.Step);
        loop.StepEnded += OnStep;
        loop.Evaluated += OnEval;
        loop.RunEnded += OnEnd;
    }

    public SummaryWriter Writer => _writer;

    private void OnStep(object? sender, StepEndedEventArgs e)
    {
        if (e.Step % _config.LogEvery == 0 || e.Step == 1)
        {
            _writer.add_scalar("train/loss", e.Loss, e.Step);
            _writer.add_scalar("train/lr", e.Lr, e.Step);
            _writer.add_scalar("train/grad_norm", e.GradNorm, e.Step);
            _writer.add_scalar("perf/step_time_ms", e.Seconds * 1000, e.Step);
            _writer.add_scalar("perf/tokens_per_sec", e.Tokens / Math.Max(1e-9, e.Seconds), e.Step);
        }

        if (_config.HistogramEvery > 0 && e.Step % _config.HistogramEvery == 0 && sender is TrainerLoop loop)
        {
            LogHistograms(loop.Module, e.Step);
        }
    }

    private void LogHistograms(Module module, long step)
    {
        foreach (var (name, p) in module.named_parameters())
        {
            _writer.add_histogram("params/" + name, p.detach().to(ScalarType.Float64).data<double>(), step);
            using Tensor? g = p.grad;
            if (g is not null)
            {
                using Tensor dense = g.is_sparse ? g.to_dense() : g.alias();
                _writer.add_histogram("grads/" + name, dense.to(ScalarType.Float64).data<double>(), step);
            }
        }
    }

    private void OnEval(object? sender, EvaluatedEventArgs e)
    {
        foreach (var (k, v) in e.Metrics)
        {
            _writer.add_scalar(k, v, e.Step);
        }

        _writer.flush();
    }

    private void OnEnd(object? sender, RunEndedEventArgs e)
    {
        var hparams = new Dictionary<string, HParamValue>();
        foreach (var (k, v) in _flatConfig)
        {
            hparams[k] = v switch
            {
                bool b => HParamValue.FromBool(b),
                string s => HParamValue.FromString(s),
                null => HParamValue.FromString(""),
                IConvertible c when v is not string => HParamValue.FromNumber(Convert.ToDouble(c, System.Globalization.CultureInfo.InvariantCulture)),
                _ => HParamValue.FromString(v.ToString() ?? ""),
            };
        }

        // hparam/ prefix: the same tags are already logged as series in this folder.
        var metrics = e.Metrics.ToDictionary(kv => "hparam/" + kv.Key, kv => kv.Value);
        metrics["hparam/steps"] = e.Step;
        _writer.add_hparams(hparams, metrics, runName: ".", globalStep: e.Step);
        _writer.add_text("run/end", $"{e.Reason} after {e.Step} steps ({e.Elapsed.TotalSeconds:F1} s)", e.Step);
        _writer.flush();
    }

    public void Dispose() => _writer.Dispose();
}
