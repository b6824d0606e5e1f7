using System.Globalization;
using System.Text;

namespace Trainer.Training.Progress;

/// <summary>
/// The text of progress output, shared by the live bar and the plain lines:
/// <c>step 200/1000  loss 2.3141  12.5 steps/s  eta 1m04s</c>.
/// </summary>
public static class ProgressFormat
{
    /// <summary>
    /// A duration rounded to whole seconds in the two largest units: <c>42s</c>, <c>1m04s</c>, <c>2h03m</c>,
    /// <c>1d02h</c>; <c>?</c> for a negative, infinite or NaN duration.
    /// </summary>
    public static string Duration(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0 || seconds > 1e9)
        {
            return "?";
        }
        var s = (long)Math.Round(seconds, MidpointRounding.AwayFromZero);
        return s switch
        {
            < 60 => $"{s}s",
            < 3600 => $"{s / 60}m{s % 60:00}s",
            < 86400 => $"{s / 3600}h{s / 60 % 60:00}m",
            _ => $"{s / 86400}d{s / 3600 % 24:00}h",
        };
    }

    /// <summary>Duration of a <see cref="TimeSpan"/>.</summary>
    public static string Duration(TimeSpan span) => Duration(span.TotalSeconds);

    /// <summary>A loss with 4 decimals (<c>2.3141</c>), in scientific form when tiny or huge, <c>nan</c>/<c>inf</c> when not finite.</summary>
    public static string Loss(double loss)
    {
        if (double.IsNaN(loss))
        {
            return "nan";
        }
        if (double.IsInfinity(loss))
        {
            return loss > 0 ? "inf" : "-inf";
        }
        var magnitude = Math.Abs(loss);
        return magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5)
            ? loss.ToString("0.000e+00", CultureInfo.InvariantCulture)
            : loss.ToString("0.0000", CultureInfo.InvariantCulture);
    }

    /// <summary>A rate with 3 significant figures and a k/M/G prefix past 10 000: <c>3.46</c>, <c>12.5</c>, <c>250</c>, <c>25.6k</c>.</summary>
    public static string Rate(double perSecond)
    {
        if (!double.IsFinite(perSecond))
        {
            return "?";
        }
        string[] prefixes = ["", "k", "M", "G"];
        var index = 0;
        while (Math.Abs(perSecond) >= (index == 0 ? 10_000 : 1_000) && index < prefixes.Length - 1)
        {
            perSecond /= 1000;
            index++;
        }
        var digits = Math.Abs(perSecond) >= 100 ? "0" : Math.Abs(perSecond) >= 10 ? "0.0" : "0.00";
        return perSecond.ToString(digits, CultureInfo.InvariantCulture) + prefixes[index];
    }

    /// <summary>
    /// One progress line: <c>step 200/1000  loss 2.3141  12.5 steps/s  eta 1m04s</c>. Parts that are not known yet
    /// (loss, rate, tokens/s, total, eta) are left out.
    /// </summary>
    public static string Line(ProgressUpdate update, double? stepsPerSecond, double? tokensPerSecond)
    {
        var text = new StringBuilder();
        AppendStepAndLoss(text, update);
        AppendRates(text, stepsPerSecond, tokensPerSecond);
        if (update.Total > 0 && stepsPerSecond > 0)
        {
            text.Append("  eta ").Append(Duration(Math.Max(0, update.Total - update.Step) / stepsPerSecond.Value));
        }
        return text.ToString();
    }

    /// <summary>The final line: <c>done  step 1000/1000  loss 2.1012  12.4 steps/s  took 1m20s</c>.</summary>
    public static string Final(string status, ProgressUpdate last, double? stepsPerSecond, double? tokensPerSecond,
        TimeSpan took)
    {
        var text = new StringBuilder(status).Append("  ");
        AppendStepAndLoss(text, last);
        AppendRates(text, stepsPerSecond, tokensPerSecond);
        return text.Append("  took ").Append(Duration(took)).ToString();
    }

    private static void AppendStepAndLoss(StringBuilder text, ProgressUpdate update)
    {
        text.Append("step ").Append(update.Step.ToString(CultureInfo.InvariantCulture));
        if (update.Total > 0)
        {
            text.Append('/').Append(update.Total.ToString(CultureInfo.InvariantCulture));
        }
        if (update.Loss is { } loss)
        {
            text.Append("  loss ").Append(Loss(loss));
        }
    }

    private static void AppendRates(StringBuilder text, double? stepsPerSecond, double? tokensPerSecond)
    {
        if (stepsPerSecond is { } steps)
        {
            text.Append("  ").Append(Rate(steps)).Append(" steps/s");
        }
        if (tokensPerSecond is { } tokens)
        {
            text.Append("  ").Append(Rate(tokens)).Append(" tok/s");
        }
    }
}
