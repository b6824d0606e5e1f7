namespace Trainer.Models.Kernelized;

/// <summary>
/// Spherical-code references for the separation of kernelized Hopfield memories (paper digest 5.3). For M points on
/// S^(d-1) the best achievable Delta_min = 1 - cos(theta_Tammes(M, d)) lies between
/// <code>
///   lower(M, d) = 1/2 [ (sqrt(pi) / M) Gamma((d + 1) / 2) / Gamma(d / 2 + 1) ]^(2 / (d - 1))
///   upper(M, d) = 2   [ (2 sqrt(pi) / M) Gamma((d + 1) / 2) / Gamma(d / 2) ]^(1 / (d - 1))
/// </code>
/// (the bounds plotted by the authors' bound_simulation.py; for d = 3 they reduce to 2 / (3M) and 4 / sqrt(M)).
/// </summary>
public static class SphericalCodes
{
    /// <summary>
    /// Optimal (max-min) angles in degrees of the Tammes problem on S^2 for M = 4..14 points, as known in the
    /// literature: M = 4 tetrahedron (arccos(-1/3)), M = 5, 6 (90 degrees; octahedron for 6), M = 7..9 (Schuette and
    /// van der Waerden, 1951: 77.87, 74.86 (square antiprism), 70.53 = arccos(1/3)), M = 10, 11 (Danzer, 1963/1986:
    /// 66.15, 63.43), M = 12 icosahedron (arccos(1/sqrt 5) = 63.43; Fejes Toth, 1943), M = 13 (Musin and Tarasov,
    /// 2012: 57.14) and M = 14 (Musin and Tarasov, 2015: 55.67). Values also listed in N. J. A. Sloane's tables of
    /// spherical packings. Only M = 4, 6 and 12 have the simple closed forms the tests check.
    /// </summary>
    public static IReadOnlyDictionary<int, double> TammesAnglesDegreesS2 { get; } = new Dictionary<int, double>
    {
        [4] = Math.Acos(-1.0 / 3) * 180 / Math.PI,  // 109.4712
        [5] = 90.0,
        [6] = 90.0,
        [7] = 77.8695,
        [8] = 74.8585,
        [9] = Math.Acos(1.0 / 3) * 180 / Math.PI,   // 70.5288
        [10] = 66.1468,
        [11] = Math.Acos(1 / Math.Sqrt(5)) * 180 / Math.PI,
        [12] = Math.Acos(1 / Math.Sqrt(5)) * 180 / Math.PI, // 63.4349
        [13] = 57.1367,
        [14] = 55.6706,
    };

    /// <summary>Delta_min of the optimal code on S^2: 1 - cos(theta_Tammes(M)).</summary>
    public static double OptimalDeltaMinS2(int m) =>
        TammesAnglesDegreesS2.TryGetValue(m, out double deg)
            ? 1 - Math.Cos(deg * Math.PI / 180)
            : throw new ArgumentOutOfRangeException(nameof(m), m, "the Tammes table covers M = 4..14 on S^2");

    /// <summary>upper(M, d) = 2 [(2 sqrt(pi) / M) Gamma((d+1)/2) / Gamma(d/2)]^(1/(d-1)).</summary>
    public static double UpperBound(int m, int d)
    {
        Check(m, d);
        double logInside = Math.Log(2 * Math.Sqrt(Math.PI) / m) + LogGamma((d + 1) / 2.0) - LogGamma(d / 2.0);
        return 2 * Math.Exp(logInside / (d - 1));
    }

    /// <summary>lower(M, d) = 1/2 [(sqrt(pi) / M) Gamma((d+1)/2) / Gamma(d/2 + 1)]^(2/(d-1)).</summary>
    public static double LowerBound(int m, int d)
    {
        Check(m, d);
        double logInside = Math.Log(Math.Sqrt(Math.PI) / m) + LogGamma((d + 1) / 2.0) - LogGamma(d / 2.0 + 1);
        return 0.5 * Math.Exp(2 * logInside / (d - 1));
    }

    /// <summary>ln Gamma(x) for x &gt; 0 (Lanczos approximation, g = 7, 9 terms; relative error about 1e-15).</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "LogGamma needs x > 0");
        }

        if (x < 0.5)
        {
            // Reflection: Gamma(x) Gamma(1 - x) = pi / sin(pi x)
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        double a = Lanczos[0];
        double t = x + 7.5;
        for (int i = 1; i < Lanczos.Length; i++)
        {
            a += Lanczos[i] / (x + i);
        }

        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }

    private static readonly double[] Lanczos =
    {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    };

    private static void Check(int m, int d)
    {
        if (m < 2 || d < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(m), $"need M >= 2 points and dimension d >= 2, got M = {m}, d = {d}");
        }
    }
}
