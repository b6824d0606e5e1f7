using System.Globalization;

namespace Trainer.Training.Reports;

/// <summary>
/// Maps data values onto a pixel interval, linearly or logarithmically (base 10), and picks "nice" tick values
/// (1, 2, 5 x 10^k steps; powers of ten on a log axis). The domain is widened to whole ticks; a degenerate domain
/// (lo = hi, or no finite value) is widened around its value.
/// </summary>
public sealed class AxisScale
{
    private readonly double _lo;
    private readonly double _hi;
    private readonly double _p0;
    private readonly double _p1;

    private AxisScale(double lo, double hi, double p0, double p1, bool log, double[] ticks)
    {
        _lo = lo;
        _hi = hi;
        _p0 = p0;
        _p1 = p1;
        IsLog = log;
        Ticks = ticks;
    }

    /// <summary>True for a log10 axis.</summary>
    public bool IsLog { get; }

    /// <summary>Tick values, ascending, inside the domain.</summary>
    public double[] Ticks { get; }

    /// <summary>Lower end of the (widened) domain.</summary>
    public double Min => IsLog ? Math.Pow(10, _lo) : _lo;

    /// <summary>Upper end of the (widened) domain.</summary>
    public double Max => IsLog ? Math.Pow(10, _hi) : _hi;

    /// <summary>A linear scale over the finite values of <paramref name="values"/> mapped to [p0, p1] (p1 &lt; p0 for a y axis).</summary>
    public static AxisScale Linear(IEnumerable<double> values, double p0, double p1, bool includeZero = false, int tickCount = 5)
    {
        double[] v = values.Where(double.IsFinite).ToArray();
        double lo = v.Length > 0 ? v.Min() : 0;
        double hi = v.Length > 0 ? v.Max() : 1;
        if (includeZero)
        {
            lo = Math.Min(lo, 0);
            hi = Math.Max(hi, 0);
        }

        if (hi - lo < 1e-12 * Math.Max(1, Math.Abs(hi)))
        {
            lo -= 0.5 * Math.Max(1e-6, Math.Abs(lo));
            hi += 0.5 * Math.Max(1e-6, Math.Abs(hi));
        }

        double step = NiceStep((hi - lo) / Math.Max(1, tickCount));
        lo = Math.Floor((lo / step) + 1e-9) * step;
        hi = Math.Ceiling((hi / step) - 1e-9) * step;
        int count = (int)Math.Round((hi - lo) / step) + 1;
        double[] ticks = Enumerable.Range(0, count).Select(i => Clean(lo + (i * step), step)).ToArray();
        return new AxisScale(lo, hi, p0, p1, false, ticks);
    }

    /// <summary>A log10 scale over the positive finite values, widened to whole decades.</summary>
    public static AxisScale Log(IEnumerable<double> values, double p0, double p1)
    {
        double[] v = values.Where(x => double.IsFinite(x) && x > 0).ToArray();
        double lo = Math.Floor(Math.Log10(v.Length > 0 ? v.Min() : 0.1));
        double hi = Math.Ceiling(Math.Log10(v.Length > 0 ? v.Max() : 1));
        if (hi <= lo)
        {
            hi = lo + 1;
        }

        double[] ticks = Enumerable.Range(0, (int)(hi - lo) + 1).Select(k => Math.Pow(10, lo + k)).ToArray();
        return new AxisScale(lo, hi, p0, p1, true, ticks);
    }

    /// <summary>Pixel position of <paramref name="value"/> (log axes clamp non-positive values to the bottom).</summary>
    public double Map(double value)
    {
        double t = IsLog ? Math.Log10(Math.Max(value, Math.Pow(10, _lo))) : value;
        return _p0 + ((t - _lo) / (_hi - _lo) * (_p1 - _p0));
    }

    /// <summary>A short label for a tick value (1e-3 style on log axes and for very large or small values).</summary>
    public string Label(double value)
    {
        double a = Math.Abs(value);
        if (value == 0)
        {
            return "0";
        }

        return IsLog || a >= 1e5 || a < 1e-3
            ? value.ToString("0.#e0", CultureInfo.InvariantCulture)
            : value.ToString("0.###", CultureInfo.InvariantCulture);
    }

    /// <summary>The 1, 2, 5 x 10^k step nearest above <paramref name="raw"/>.</summary>
    public static double NiceStep(double raw)
    {
        if (!(raw > 0))
        {
            return 1;
        }

        double mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double f = raw / mag;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    }

    // Snaps a tick to the step's grid and to the step's decimals, so 3 x 0.2 is 0.6 and not 0.6000000000000001.
    private static double Clean(double x, double step)
    {
        int decimals = Math.Clamp(1 - (int)Math.Floor(Math.Log10(step)), 0, 15);
        return Math.Round(Math.Round(x / step) * step, decimals);
    }
}
