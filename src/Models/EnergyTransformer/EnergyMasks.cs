using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.EnergyTransformer;

/// <summary>
/// Attention masks (true = query i may attend key j) that score many candidate points against a real prefix in one
/// pass of a causal transformer. Example, T = 2 real points r0 r1 and M = 1 candidate chain c0 c1 (sequence
/// r0 r1 c0 c1, positions 0 1 0 1):
/// <code>
///        r0 r1 c0 c1
///   r0 [ 1  0  0  0 ]
///   r1 [ 1  1  0  0 ]
///   c0 [ 0  0  1  0 ]     c0 at position 0 sees itself only
///   c1 [ 1  0  0  1 ]     c1 at position 1 sees r0 and itself, as the sequence r0 c1 would
/// </code>
/// </summary>
public static class EnergyMasks
{
    /// <summary>((M+1) T, (M+1) T): reals causal among themselves; candidate (m, t) sees reals j &lt; t and itself.</summary>
    public static Tensor Joint(long t, long m, Device? device = null)
    {
        long l = (m + 1) * t;
        var allowed = new bool[l * l];
        for (long i = 0; i < t; i++)
        {
            for (long j = 0; j <= i; j++)
            {
                allowed[i * l + j] = true;
            }
        }

        for (long c = 0; c < m; c++)
        {
            for (long s = 0; s < t; s++)
            {
                long row = t + c * t + s;
                for (long j = 0; j < s; j++)
                {
                    allowed[row * l + j] = true;
                }

                allowed[row * l + row] = true;
            }
        }

        return tensor(allowed, new[] { l, l }, ScalarType.Bool, device);
    }

    /// <summary>(Tc + G, Tc + G): the context causal; each of the G queries sees the whole context and itself.</summary>
    public static Tensor AfterContext(long tc, long g, Device? device = null)
    {
        long l = tc + g;
        var allowed = new bool[l * l];
        for (long i = 0; i < l; i++)
        {
            long seen = Math.Min(i + 1, tc);
            for (long j = 0; j < seen; j++)
            {
                allowed[i * l + j] = true;
            }

            allowed[i * l + i] = true;
        }

        return tensor(allowed, new[] { l, l }, ScalarType.Bool, device);
    }
}
