namespace Trainer.Data.Randomness;

/// <summary>
/// Logarithm and exponential built only from IEEE-754 +, -, *, / (each correctly rounded on every platform), so
/// that generators which need ln or exp produce the same bits on every machine. <see cref="Math.Log(double)"/>
/// and <see cref="Math.Exp"/> call the platform's C library, whose last bit may differ between systems.
/// Accuracy is within a few ulp of the true value, which is all a sampler needs.
/// </summary>
public static class DetMath
{
    // ln 2 split so that k * Ln2Hi is exact for |k| < 2^20 (the high part has 32 trailing zero bits).
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double Sqrt2 = 1.41421356237309514547;
    private const double TwoPow54 = 18014398509481984.0;

    /// <summary>Natural logarithm; NaN for negative or NaN input, -inf at 0.</summary>
    public static double Log(double x)
    {
        if (double.IsNaN(x) || x < 0)
        {
            return double.NaN;
        }
        if (x == 0)
        {
            return double.NegativeInfinity;
        }
        if (double.IsPositiveInfinity(x))
        {
            return x;
        }
        int extra = 0;
        long bits = BitConverter.DoubleToInt64Bits(x);
        if (((bits >> 52) & 0x7FF) == 0)
        {
            // Subnormal: scale into the normal range first (exact).
            x *= TwoPow54;
            extra = -54;
            bits = BitConverter.DoubleToInt64Bits(x);
        }
        int k = (int)((bits >> 52) & 0x7FF) - 1023 + extra;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m > Sqrt2)
        {
            m *= 0.5;
            k++;
        }
        // m in (sqrt(1/2), sqrt(2)]: ln m = 2 atanh(s) with s = (m - 1) / (m + 1), |s| <= 0.1716.
        double f = m - 1.0;
        double s = f / (2.0 + f);
        return k * Ln2Hi + (AtanhSeriesTimesTwo(s) + k * Ln2Lo);
    }

    /// <summary>ln(1 + x), accurate for small |x| where 1 + x would round.</summary>
    public static double Log1p(double x)
    {
        if (x > -0.25 && x < 0.25)
        {
            return AtanhSeriesTimesTwo(x / (2.0 + x));
        }
        return Log(1.0 + x);
    }

    /// <summary>e^x; +inf above 709.78, 0 below -745.13.</summary>
    public static double Exp(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }
        if (x > 709.782712893384)
        {
            return double.PositiveInfinity;
        }
        if (x < -745.1332191019412)
        {
            return 0.0;
        }
        // x = k ln2 + r with |r| <= ln2 / 2.
        double kd = Math.Floor(x * InvLn2 + 0.5);
        int k = (int)kd;
        double r = (x - kd * Ln2Hi) - kd * Ln2Lo;
        // Taylor series of e^r to degree 14: the truncation error is below 1e-18 for |r| <= 0.3466.
        double p = 1.0 / 87178291200.0;
        p = 1.0 / 6227020800.0 + r * p;
        p = 1.0 / 479001600.0 + r * p;
        p = 1.0 / 39916800.0 + r * p;
        p = 1.0 / 3628800.0 + r * p;
        p = 1.0 / 362880.0 + r * p;
        p = 1.0 / 40320.0 + r * p;
        p = 1.0 / 5040.0 + r * p;
        p = 1.0 / 720.0 + r * p;
        p = 1.0 / 120.0 + r * p;
        p = 1.0 / 24.0 + r * p;
        p = 1.0 / 6.0 + r * p;
        p = 0.5 + r * p;
        p = 1.0 + r * p;
        p = 1.0 + r * p;
        return ScaleByPowerOfTwo(p, k);
    }

    /// <summary>x^y for x &gt; 0 as exp(y ln x); 0^y = 0 for y &gt; 0 and 1 for y = 0.</summary>
    public static double Pow(double x, double y)
    {
        if (y == 0)
        {
            return 1.0;
        }
        if (x == 0)
        {
            return y > 0 ? 0.0 : double.PositiveInfinity;
        }
        if (x == 1)
        {
            return 1.0;
        }
        return Exp(y * Log(x));
    }

    // 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), evaluated to s^27 (enough for |s| <= 0.172).
    private static double AtanhSeriesTimesTwo(double s)
    {
        double z = s * s;
        double p = 1.0 / 27.0;
        for (int j = 12; j >= 0; j--)
        {
            p = 1.0 / (2 * j + 1) + z * p;
        }
        return 2.0 * s * p;
    }

    private static double ScaleByPowerOfTwo(double value, int k)
    {
        // Split the scaling so each factor is a normal power of two (handles results near the limits).
        while (k > 1000)
        {
            value *= BitConverter.Int64BitsToDouble((long)(1000 + 1023) << 52);
            k -= 1000;
        }
        while (k < -1000)
        {
            value *= BitConverter.Int64BitsToDouble((long)(-1000 + 1023) << 52);
            k += 1000;
        }
        return value * BitConverter.Int64BitsToDouble((long)(k + 1023) << 52);
    }
}
