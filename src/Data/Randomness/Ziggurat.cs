namespace Trainer.Data.Randomness;

/// <summary>
/// Standard normal variates by the ziggurat method in Doornik's ZIGNOR form (2005; after Marsaglia and Tsang
/// 2000): the density is covered by 128 horizontal blocks of equal area V, block i spanning |x| &lt; x_i. One 64-bit
/// draw gives the block (low 7 bits) and u ~ U(-1, 1) (high 53 bits); u x_i is accepted at once when |u| &lt; x_{i+1}/x_i
/// (about 99% of draws); the wedges and the tail beyond R = 3.4426 are resolved exactly by rejection.
/// The tables are built with <see cref="DetMath"/>, so every machine gets the same bits.
/// </summary>
/// <remarks>
/// Example: block 127 (the top) has x_127 = 0 and is always resolved in its wedge; block 0 is the base strip
/// whose part beyond R is the tail, sampled as R + x with x ~ Exp(R) conditioned by Marsaglia's tail test.
/// </remarks>
internal static class Ziggurat
{
    private const int Blocks = 128;
    private const double R = 3.442619855899;
    private const double V = 9.91256303526217e-3;
    private const double Unit53 = 1.0 / (1UL << 53);
    private static readonly double[] X = new double[Blocks + 1];
    private static readonly double[] Ratio = new double[Blocks];

    static Ziggurat()
    {
        double f = DetMath.Exp(-0.5 * R * R);
        X[0] = V / f;
        X[1] = R;
        X[Blocks] = 0;
        for (int i = 2; i < Blocks; i++)
        {
            X[i] = Math.Sqrt(-2 * DetMath.Log(V / X[i - 1] + f));
            f = DetMath.Exp(-0.5 * X[i] * X[i]);
        }
        for (int i = 0; i < Blocks; i++)
        {
            Ratio[i] = X[i + 1] / X[i];
        }
    }

    /// <summary>One N(0, 1) draw from <paramref name="rng"/>.</summary>
    public static double Sample(Rng rng)
    {
        while (true)
        {
            ulong bits = rng.NextUInt64();
            int i = (int)(bits & (Blocks - 1));
            double u = 2.0 * ((bits >> 11) * Unit53) - 1.0;
            if (Math.Abs(u) < Ratio[i])
            {
                return u * X[i];
            }
            if (i == 0)
            {
                return Tail(rng, u < 0);
            }
            double x = u * X[i];
            double f0 = DetMath.Exp(-0.5 * (X[i] * X[i] - x * x));
            double f1 = DetMath.Exp(-0.5 * (X[i + 1] * X[i + 1] - x * x));
            if (f1 + rng.NextDouble() * (f0 - f1) < 1.0)
            {
                return x;
            }
        }
    }

    private static double Tail(Rng rng, bool negative)
    {
        double x;
        double y;
        do
        {
            x = DetMath.Log(rng.NextDoubleOpen()) / R;
            y = DetMath.Log(rng.NextDoubleOpen());
        }
        while (-2 * y < x * x);
        return negative ? x - R : R - x;
    }
}
