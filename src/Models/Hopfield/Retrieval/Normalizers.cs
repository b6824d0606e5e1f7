using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Hopfield.Retrieval;

/// <summary>Which map from association scores z to weights p on the simplex a Hopfield update uses.</summary>
public enum NormalizerKind
{
    /// <summary>p = softmax(z): dense, the modern Hopfield network of Ramsauer et al. (2021).</summary>
    Softmax,

    /// <summary>p = 1.5-entmax(z) (Peters, Niculae and Martins, 2019): sparse, p_i = [z_i / 2 - tau]_+^2.</summary>
    Entmax15,

    /// <summary>p = sparsemax(z) (Martins and Astudillo, 2016): Euclidean projection onto the simplex, p_i = [z_i - tau]_+.</summary>
    Sparsemax,
}

/// <summary>
/// Normalisers from scores to probability weights along one dimension, batched and numerically stable, all with exact
/// gradients through autograd. The sparse ones compute the threshold tau exactly by sorting (no bisection):
/// <list type="bullet">
/// <item>sparsemax: sort z descending to z_(1) &gt;= ... &gt;= z_(n); the support size is
///   k* = max { k : 1 + k z_(k) &gt; sum_{j &lt;= k} z_(j) }, tau = (sum_{j &lt;= k*} z_(j) - 1) / k*, p = [z - tau]_+.</item>
/// <item>1.5-entmax: with u = z / 2 sorted descending, for each k the candidate threshold is
///   tau_k = mean_k - sqrt(max(0, (1 - k (meansq_k - mean_k^2)) / k)), where mean_k and meansq_k are the means of the
///   first k values and of their squares; k* = #{k : tau_k &lt;= u_(k)}, and p = [u - tau_{k*}]_+^2.</item>
/// </list>
/// Entries equal to -inf (masked) get weight 0. Scores far below the row maximum are clamped to max - 10 before the
/// sparse maps: any score below max - 2 is outside both supports, so the clamp changes neither values nor gradients
/// and avoids inf - inf in the cumulative sums.
/// </summary>
public static class Normalizers
{
    /// <summary>Applies <paramref name="kind"/> along <paramref name="dim"/>.</summary>
    public static Tensor Apply(Tensor z, NormalizerKind kind, long dim = -1) => kind switch
    {
        NormalizerKind.Softmax => z.softmax(dim),
        NormalizerKind.Entmax15 => Entmax15(z, dim),
        NormalizerKind.Sparsemax => Sparsemax(z, dim),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown normalizer"),
    };

    /// <summary>Parses "softmax", "entmax15" (or "entmax", "1.5-entmax") and "sparsemax", case-insensitively.</summary>
    public static NormalizerKind Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "softmax" => NormalizerKind.Softmax,
        "entmax15" or "entmax" or "1.5-entmax" or "entmax_15" => NormalizerKind.Entmax15,
        "sparsemax" => NormalizerKind.Sparsemax,
        _ => throw new ArgumentException($"unknown normalizer '{name}' (allowed: softmax, entmax15, sparsemax)", nameof(name)),
    };

    /// <summary>Sparsemax along <paramref name="dim"/>: argmin_{p in simplex} ||p - z||^2.</summary>
    public static Tensor Sparsemax(Tensor z, long dim = -1)
    {
        using var scope = NewDisposeScope();
        Tensor zl = Stabilize(z, dim);
        long n = zl.size(-1);
        var (sorted, _) = zl.sort(-1, descending: true);
        Tensor k = Ranks(n, zl);                                   // (n) = 1..n
        Tensor cumsum = sorted.cumsum(-1);
        Tensor inSupport = (1 + k * sorted) > cumsum;              // true for k = 1..k*
        Tensor kStar = inSupport.sum(-1, keepdim: true);           // (..., 1) int64
        Tensor cumAtK = cumsum.gather(-1, kStar - 1L);
        Tensor tau = (cumAtK - 1) / kStar.to(zl.dtype);
        Tensor p = (zl - tau).clamp_min(0);
        return scope.MoveToOuter(Restore(p, dim, z));
    }

    /// <summary>1.5-entmax along <paramref name="dim"/>: argmax_{p in simplex} p.z + (4/3) sum_i (p_i - p_i^{3/2}).</summary>
    public static Tensor Entmax15(Tensor z, long dim = -1)
    {
        using var scope = NewDisposeScope();
        Tensor u = Stabilize(z, dim) / 2;
        long n = u.size(-1);
        var (sorted, _) = u.sort(-1, descending: true);
        Tensor k = Ranks(n, u);
        Tensor mean = sorted.cumsum(-1) / k;
        Tensor meanSq = sorted.square().cumsum(-1) / k;
        Tensor ss = k * (meanSq - mean.square());
        Tensor delta = ((1 - ss) / k).clamp_min(0);
        Tensor tauK = mean - delta.sqrt();
        Tensor kStar = (tauK <= sorted).sum(-1, keepdim: true);
        Tensor tau = tauK.gather(-1, kStar - 1L);
        Tensor p = (u - tau).clamp_min(0).square();
        return scope.MoveToOuter(Restore(p, dim, z));
    }

    // Moves dim last and clamps scores to [max - 10, max] (see the class remarks).
    private static Tensor Stabilize(Tensor z, long dim)
    {
        Tensor last = dim == -1 || dim == z.ndim - 1 ? z : z.transpose(dim, -1);
        Tensor max = last.amax(-1, keepdim: true).detach();
        return last.maximum(max - 10);
    }

    private static Tensor Restore(Tensor p, long dim, Tensor like) =>
        dim == -1 || dim == like.ndim - 1 ? p : p.transpose(dim, -1);

    private static Tensor Ranks(long n, Tensor like) => arange(1, n + 1, 1, like.dtype, like.device);
}
