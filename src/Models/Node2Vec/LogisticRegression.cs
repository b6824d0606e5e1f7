namespace Trainer.Models.Node2Vec;

/// <summary>
/// Binary logistic regression P(y = 1 | x) = sigma(w . z + b) on standardised features z = (x - mean) / std, fitted by
/// full-batch gradient descent with Nesterov momentum on the mean log-loss + (l2 / 2) |w|^2. Small and dependency-free:
/// enough for link-prediction probes with a few thousand rows.
/// </summary>
public sealed class LogisticRegression
{
    private readonly double[] _w;
    private readonly double _b;
    private readonly double[] _mean;
    private readonly double[] _scale;

    private LogisticRegression(double[] w, double b, double[] mean, double[] scale)
    {
        _w = w;
        _b = b;
        _mean = mean;
        _scale = scale;
    }

    /// <summary>Fits on rows <paramref name="x"/> with labels <paramref name="y"/> in {0, 1}.</summary>
    public static LogisticRegression Fit(double[][] x, double[] y, double l2 = 1e-3, int iterations = 200, double lr = 0.5)
    {
        int n = x.Length, d = n > 0 ? x[0].Length : 0;
        var (mean, scale) = Standardise(x, d);
        var z = new double[n * d]; // standardised rows, (n, d) row-major
        for (int i = 0; i < n; i++)
        {
            Normalise(x[i], mean, scale).CopyTo(z, i * d);
        }

        var w = new double[d];
        var vw = new double[d];
        var lookW = new double[d];
        var gw = new double[d];
        double b = 0, vb = 0;
        for (int it = 0; it < iterations; it++)
        {
            // Nesterov: the gradient at the look-ahead point theta + 0.9 v.
            for (int k = 0; k < d; k++)
            {
                lookW[k] = w[k] + 0.9 * vw[k];
            }

            double lookB = b + 0.9 * vb;
            Array.Clear(gw);
            double gb = 0;
            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<double> zi = z.AsSpan(i * d, d);
                double err = Sigmoid(Dot(lookW, zi) + lookB) - y[i];
                for (int k = 0; k < d; k++)
                {
                    gw[k] += err * zi[k];
                }

                gb += err;
            }

            for (int k = 0; k < d; k++)
            {
                vw[k] = 0.9 * vw[k] - lr * (gw[k] / n + l2 * lookW[k]);
                w[k] += vw[k];
            }

            vb = 0.9 * vb - lr * gb / n;
            b += vb;
        }

        return new LogisticRegression(w, b, mean, scale);
    }

    /// <summary>The logit w . z + b of a raw feature row (monotone in the probability; enough for an AUC).</summary>
    public double Score(double[] x) => Dot(_w, Normalise(x, _mean, _scale)) + _b;

    /// <summary>P(y = 1 | x).</summary>
    public double Probability(double[] x) => Sigmoid(Score(x));

    private static (double[] Mean, double[] Scale) Standardise(double[][] x, int d)
    {
        var mean = new double[d];
        var scale = new double[d];
        foreach (double[] r in x)
        {
            for (int k = 0; k < d; k++)
            {
                mean[k] += r[k] / x.Length;
            }
        }

        foreach (double[] r in x)
        {
            for (int k = 0; k < d; k++)
            {
                scale[k] += (r[k] - mean[k]) * (r[k] - mean[k]) / x.Length;
            }
        }

        for (int k = 0; k < d; k++)
        {
            scale[k] = Math.Sqrt(scale[k]) + 1e-12;
        }

        return (mean, scale);
    }

    private static double[] Normalise(double[] r, double[] mean, double[] scale)
    {
        var z = new double[r.Length];
        for (int k = 0; k < r.Length; k++)
        {
            z[k] = (r[k] - mean[k]) / scale[k];
        }

        return z;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int k = 0; k < a.Length; k++)
        {
            s += a[k] * b[k];
        }

        return s;
    }

    private static double Sigmoid(double t) => 1 / (1 + Math.Exp(-t));
}
