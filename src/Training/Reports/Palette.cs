using System.Globalization;
using Trainer.Training.Logging.Png;

namespace Trainer.Training.Reports;

/// <summary>
/// Colours of the report and of the TensorBoard charts: a 10-colour categorical palette (runs, arms) and a
/// perceptually ordered sequential map (depth, heat maps) interpolated between viridis-like anchors.
/// </summary>
public static class Palette
{
    private static readonly Rgba[] Categorical =
    [
        new(31, 119, 180), new(255, 127, 14), new(44, 160, 44), new(214, 39, 40), new(148, 103, 189),
        new(140, 86, 75), new(227, 119, 194), new(127, 127, 127), new(188, 189, 34), new(23, 190, 207),
    ];

    private static readonly Rgba[] Sequential =
    [
        new(68, 1, 84), new(59, 82, 139), new(33, 145, 140), new(94, 201, 98), new(253, 231, 37),
    ];

    /// <summary>Neutral grey for "no category" (the root, nodes off a star).</summary>
    public static Rgba Neutral => new(90, 90, 90);

    /// <summary>Category i (cycling after 10); negative i gives <see cref="Neutral"/>.</summary>
    public static Rgba Category(int i) => i < 0 ? Neutral : Categorical[i % Categorical.Length];

    /// <summary>The sequential map at t in [0, 1] (clamped; NaN gives neutral).</summary>
    public static Rgba Ramp(double t)
    {
        if (double.IsNaN(t))
        {
            return Neutral;
        }

        t = Math.Clamp(t, 0, 1) * (Sequential.Length - 1);
        int i = Math.Min((int)t, Sequential.Length - 2);
        double f = t - i;
        Rgba a = Sequential[i];
        Rgba b = Sequential[i + 1];
        return new Rgba(Mix(a.R, b.R, f), Mix(a.G, b.G, f), Mix(a.B, b.B, f));
    }

    /// <summary>CSS hex form, e.g. #1f77b4.</summary>
    public static string Hex(Rgba c) => string.Create(CultureInfo.InvariantCulture, $"#{c.R:x2}{c.G:x2}{c.B:x2}");

    private static byte Mix(byte a, byte b, double f) => (byte)Math.Round(a + ((b - a) * f));
}
