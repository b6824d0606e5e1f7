using Trainer.Data.Randomness;

namespace Trainer.Data.Patterns;

/// <summary>
/// von Mises-Fisher sampling on the unit sphere S^(d-1) by Wood's (1994) rejection algorithm: the component
/// w = mu . x has density proportional to e^(kappa w) (1 - w^2)^((d-3)/2); with b = (d-1) / (2 kappa + sqrt(4 kappa^2
/// + (d-1)^2)), x0 = (1 - b) / (1 + b) and c = kappa x0 + (d-1) ln(1 - x0^2), draw z ~ Beta((d-1)/2, (d-1)/2),
/// w = (1 - (1+b) z) / (1 - (1-b) z), accept when kappa w + (d-1) ln(1 - x0 w) - c &gt;= ln u. Then
/// x = w mu + sqrt(1 - w^2) v with v uniform on the directions orthogonal to mu.
/// </summary>
/// <remarks>
/// Example, d = 3: E[mu . x] = coth(kappa) - 1/kappa, e.g. 0.9 at kappa = 10; kappa = 0 is the uniform law.
/// </remarks>
public static class VonMisesFisher
{
    /// <summary>One sample with unit mean direction <paramref name="mu"/> and concentration kappa &gt;= 0.</summary>
    public static void Sample(Rng rng, ReadOnlySpan<double> mu, double kappa, Span<double> dest)
    {
        int d = mu.Length;
        if (d < 2)
        {
            throw new ArgumentException("von Mises-Fisher sampling needs dimension >= 2", nameof(mu));
        }
        if (!(kappa >= 0) || double.IsInfinity(kappa))
        {
            throw new ArgumentOutOfRangeException(nameof(kappa), kappa, "kappa must be finite and >= 0");
        }
        double w = SampleW(rng, d, kappa);
        // v: a Gaussian vector with its mu component removed, normalised.
        double norm2;
        do
        {
            double dot = 0;
            for (int i = 0; i < d; i++)
            {
                dest[i] = rng.NextNormal();
                dot += dest[i] * mu[i];
            }
            norm2 = 0;
            for (int i = 0; i < d; i++)
            {
                dest[i] -= dot * mu[i];
                norm2 += dest[i] * dest[i];
            }
        }
        while (norm2 <= 1e-300);
        double s = Math.Sqrt(Math.Max(0, 1 - w * w)) / Math.Sqrt(norm2);
        for (int i = 0; i < d; i++)
        {
            dest[i] = w * mu[i] + s * dest[i];
        }
    }

    /// <summary>The cosine w = mu . x of one draw (Wood's rejection step).</summary>
    public static double SampleW(Rng rng, int d, double kappa)
    {
        double dm1 = d - 1;
        if (kappa == 0)
        {
            double zu = Sampling.Beta(rng, dm1 / 2, dm1 / 2);
            return 1 - 2 * zu;
        }
        double b = dm1 / (2 * kappa + Math.Sqrt(4 * kappa * kappa + dm1 * dm1));
        double x0 = (1 - b) / (1 + b);
        double c = kappa * x0 + dm1 * DetMath.Log(1 - x0 * x0);
        while (true)
        {
            double z = Sampling.Beta(rng, dm1 / 2, dm1 / 2);
            double w = (1 - (1 + b) * z) / (1 - (1 - b) * z);
            double u = rng.NextDoubleOpen();
            if (kappa * w + dm1 * DetMath.Log(1 - x0 * w) - c >= DetMath.Log(u))
            {
                return w;
            }
        }
    }
}
