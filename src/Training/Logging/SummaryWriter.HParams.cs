using System.Globalization;
using Trainer.Training.Logging.HParams;

namespace Trainer.Training.Logging;

public sealed partial class SummaryWriter
{
    /// <summary>
    /// Logs a hyperparameter set and its final metrics for TensorBoard's HPARAMS tab, as PyTorch does: a new event
    /// file in the run folder <c>&lt;logDir&gt;/&lt;runName&gt;</c> (default: the current Unix time as text; "." means
    /// the log folder itself) holding the experiment, session start and session end summaries, then each metric
    /// as a scalar with tag = metric name. Returns the folder written.
    /// </summary>
    public string add_hparams(
        IReadOnlyDictionary<string, HParamValue> hparamDict,
        IReadOnlyDictionary<string, double> metricDict,
        IReadOnlyDictionary<string, HParamValue[]>? hparamDomainDiscrete = null,
        string? runName = null,
        long globalStep = 0)
    {
        Main();
        ValidateDomains(hparamDict, hparamDomainDiscrete);
        var now = _main.Now();
        var folder = runName switch
        {
            null or "" => Path.Combine(LogDir, now.ToString("R", CultureInfo.InvariantCulture)),
            "." => LogDir,
            _ => Path.Combine(LogDir, runName),
        };
        using var writer = NewFileWriter(folder);
        writer.AddSummary(globalStep, now, HParamsPlugin.Experiment(hparamDict, metricDict.Keys, hparamDomainDiscrete, now));
        writer.AddSummary(globalStep, now, HParamsPlugin.SessionStartInfo(hparamDict, now));
        writer.AddSummary(globalStep, now, HParamsPlugin.SessionEndInfo(now));
        foreach (var (tag, value) in metricDict)
        {
            writer.AddSummary(globalStep, now, SummaryFactory.Scalar(tag, value));
        }

        return writer.LogDir;
    }

    private static void ValidateDomains(
        IReadOnlyDictionary<string, HParamValue> hparams,
        IReadOnlyDictionary<string, HParamValue[]>? domains)
    {
        if (domains is null)
        {
            return;
        }

        foreach (var (name, domain) in domains)
        {
            if (!hparams.TryGetValue(name, out var value))
            {
                continue;
            }

            if (domain.Any(d => d.Kind != value.Kind))
            {
                throw new ArgumentException($"hparam '{name}' is a {value.Kind} but its discrete domain holds other types");
            }

            if (!domain.Contains(value))
            {
                throw new ArgumentException($"hparam '{name}' = {value} is not in its discrete domain [{string.Join(", ", domain)}]");
            }
        }
    }
}
