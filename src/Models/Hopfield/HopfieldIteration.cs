using Trainer.Models.Hopfield.Retrieval;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Hopfield;

/// <summary>
/// The multi-head Hopfield update of the hopfield-layers library, on patterns already projected into the Hopfield
/// space. Per batch element b and head h, with state patterns xi (L, hd), stored patterns K (S, hd) and inverse
/// temperature beta_h:
/// <code>
///   A_0     = normalizer(beta_h xi_0 K^T + mask)                 xi_0 = projected state patterns
///   xi_t    = A_{t-1} K,   A_t = normalizer(beta_h xi_t K^T + mask)     t = 1 .. update_steps_max
/// </code>
/// A head stops updating (its A is frozen) once t reaches update_steps_max (negative: no limit) or once
/// max_b ||A_t - A_{t-1}||_F &lt;= eps for that head. Masks: bool entries equal to true are excluded (-inf score);
/// float masks are added to the scores. Returns the final associations (B, H, L, S) and the number of
/// associations computed.
/// </summary>
public static class HopfieldIteration
{
    /// <summary>Hard cap on associations when update_steps_max is negative, so a non-converging head cannot hang.</summary>
    public const int UnboundedCap = 10_000;

    /// <param name="query">Projected state patterns (B, H, L, hd).</param>
    /// <param name="keys">Projected stored patterns (B, H, S, hd).</param>
    /// <param name="beta">Inverse temperature per head (H).</param>
    /// <param name="scoreMask">Bool mask (true = excluded) or additive float mask broadcastable to (B, H, L, S), or null.</param>
    public static (Tensor associations, int steps) Run(Tensor query, Tensor keys, double[] beta, Tensor? scoreMask,
        int updateStepsMax, double updateStepsEps, NormalizerKind normalizer)
    {
        long heads = query.size(1);
        if (beta.Length != heads)
        {
            throw new ArgumentException($"{beta.Length} scaling values for {heads} heads", nameof(beta));
        }

        using Tensor betaH = tensor(beta, new long[] { 1, heads, 1, 1 }).to(query.dtype, query.device);
        using Tensor keysT = keys.transpose(-2, -1);                          // (B, H, hd, S)
        Tensor a = Associate(query, keysT, betaH, scoreMask, normalizer);    // A_0 (B, H, L, S)
        var active = Enumerable.Repeat(true, (int)heads).ToArray();
        int step = 0;
        while (true)
        {
            using var scope = NewDisposeScope();
            bool limit = updateStepsMax >= 0 ? step < updateStepsMax : step < UnboundedCap;
            if (!limit || !active.Any(x => x))
            {
                break;
            }

            Tensor xi = a.matmul(keys);                                       // xi_t = A K, (B, H, L, hd)
            Tensor next = Associate(xi, keysT, betaH, scoreMask, normalizer);
            Tensor headMask = tensor(active, new long[] { 1, heads, 1, 1 }).to(query.device);
            Tensor merged = where(headMask, next, a);                         // frozen heads keep their A
            active = StillMoving(a, merged, active, updateStepsEps);
            a.Dispose();
            a = scope.MoveToOuter(merged);
            step++;
        }

        return (a, step + 1);
    }

    private static Tensor Associate(Tensor xi, Tensor keysT, Tensor betaH, Tensor? scoreMask, NormalizerKind normalizer)
    {
        using var scope = NewDisposeScope();
        Tensor scores = xi.matmul(keysT) * betaH;                             // beta_h xi K^T, (B, H, L, S)
        if (scoreMask is not null)
        {
            scores = scoreMask.dtype == ScalarType.Bool
                ? scores.masked_fill(scoreMask, double.NegativeInfinity)
                : scores + scoreMask;
        }

        return scope.MoveToOuter(Normalizers.Apply(scores, normalizer));
    }

    // Per head: still active if it was and max_b ||A_new - A_old||_F > eps.
    private static bool[] StillMoving(Tensor before, Tensor after, bool[] active, double eps)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Tensor change = (after - before).norm(2, new long[] { 2, 3 }).amax(0);   // (H)
        double[] c = change.to(ScalarType.Float64).data<double>();
        return active.Select((a, h) => a && c[h] > eps).ToArray();
    }
}
