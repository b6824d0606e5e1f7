using Trainer.Torch.Interop;

namespace Trainer.Torch;

// Reductions, sorting and normalisers. `dim` arguments accept negative values, as in PyTorch.
public partial class Tensor
{
    private unsafe Tensor Reduce(ReduceOp op, long[]? dims, bool keepdim)
    {
        if (dims is null)
        {
            return From(NativeMethods.tt_reduce((int)op, Handle, null, -1, keepdim ? 1 : 0));
        }

        fixed (long* d = dims)
        {
            return From(NativeMethods.tt_reduce((int)op, Handle, d, dims.Length, keepdim ? 1 : 0));
        }
    }

    public Tensor sum() => Reduce(ReduceOp.Sum, null, false);
    public Tensor sum(long dim, bool keepdim = false) => Reduce(ReduceOp.Sum, new[] { dim }, keepdim);
    public Tensor sum(long[] dims, bool keepdim = false) => Reduce(ReduceOp.Sum, dims, keepdim);
    public Tensor nansum() => Reduce(ReduceOp.NanSum, null, false);
    public Tensor mean() => Reduce(ReduceOp.Mean, null, false);
    public Tensor mean(long dim, bool keepdim = false) => Reduce(ReduceOp.Mean, new[] { dim }, keepdim);
    public Tensor mean(long[] dims, bool keepdim = false) => Reduce(ReduceOp.Mean, dims, keepdim);
    public Tensor prod() => Reduce(ReduceOp.Prod, null, false);
    public Tensor prod(long dim, bool keepdim = false) => Reduce(ReduceOp.Prod, new[] { dim }, keepdim);

    /// <summary>Maximum over all elements.</summary>
    public Tensor max() => Reduce(ReduceOp.Amax, null, false);

    /// <summary>Minimum over all elements.</summary>
    public Tensor min() => Reduce(ReduceOp.Amin, null, false);

    public Tensor amax(long dim, bool keepdim = false) => Reduce(ReduceOp.Amax, new[] { dim }, keepdim);
    public Tensor amax(long[] dims, bool keepdim = false) => Reduce(ReduceOp.Amax, dims, keepdim);
    public Tensor amin(long dim, bool keepdim = false) => Reduce(ReduceOp.Amin, new[] { dim }, keepdim);
    public Tensor amin(long[] dims, bool keepdim = false) => Reduce(ReduceOp.Amin, dims, keepdim);
    public Tensor logsumexp(long dim, bool keepdim = false) => Reduce(ReduceOp.LogSumExp, new[] { dim }, keepdim);
    public Tensor logsumexp(long[] dims, bool keepdim = false) => Reduce(ReduceOp.LogSumExp, dims, keepdim);
    public Tensor all() => Reduce(ReduceOp.All, null, false);
    public Tensor all(long dim, bool keepdim = false) => Reduce(ReduceOp.All, new[] { dim }, keepdim);
    public Tensor any() => Reduce(ReduceOp.Any, null, false);
    public Tensor any(long dim, bool keepdim = false) => Reduce(ReduceOp.Any, new[] { dim }, keepdim);
    public Tensor count_nonzero() => Reduce(ReduceOp.CountNonzero, null, false);

    /// <summary>(values, indices) of the maximum along <paramref name="dim"/>.</summary>
    public (Tensor values, Tensor indices) max(long dim, bool keepdim = false) => MinMax(0, dim, keepdim);

    /// <summary>(values, indices) of the minimum along <paramref name="dim"/>.</summary>
    public (Tensor values, Tensor indices) min(long dim, bool keepdim = false) => MinMax(1, dim, keepdim);

    private unsafe (Tensor, Tensor) MinMax(int kind, long dim, bool keepdim)
    {
        IntPtr* o = stackalloc IntPtr[2];
        Native.Check(NativeMethods.tt_minmax_dim(kind, Handle, dim, keepdim ? 1 : 0, o));
        return (From(o[0]), From(o[1]));
    }

    public Tensor argmax() => From(NativeMethods.tt_argminmax(0, Handle, 0, 0, 0));
    public Tensor argmax(long dim, bool keepdim = false) => From(NativeMethods.tt_argminmax(0, Handle, 1, dim, keepdim ? 1 : 0));
    public Tensor argmin() => From(NativeMethods.tt_argminmax(1, Handle, 0, 0, 0));
    public Tensor argmin(long dim, bool keepdim = false) => From(NativeMethods.tt_argminmax(1, Handle, 1, dim, keepdim ? 1 : 0));

    /// <summary>Variance with Bessel's correction by default (correction = 1), as torch.var.</summary>
    public Tensor var(long[]? dims = null, long correction = 1, bool keepdim = false) => VarStd(dims, correction, keepdim, 0);
    public Tensor var(long dim, long correction = 1, bool keepdim = false) => VarStd(new[] { dim }, correction, keepdim, 0);
    public Tensor std(long[]? dims = null, long correction = 1, bool keepdim = false) => VarStd(dims, correction, keepdim, 1);
    public Tensor std(long dim, long correction = 1, bool keepdim = false) => VarStd(new[] { dim }, correction, keepdim, 1);

    private unsafe Tensor VarStd(long[]? dims, long correction, bool keepdim, int isStd)
    {
        if (dims is null)
        {
            return From(NativeMethods.tt_var(Handle, null, -1, correction, keepdim ? 1 : 0, isStd));
        }

        fixed (long* d = dims)
        {
            return From(NativeMethods.tt_var(Handle, d, dims.Length, correction, keepdim ? 1 : 0, isStd));
        }
    }

    /// <summary>p-norm over all elements (dims null) or over <paramref name="dims"/>.</summary>
    public unsafe Tensor norm(double p = 2, long[]? dims = null, bool keepdim = false)
    {
        if (dims is null)
        {
            return From(NativeMethods.tt_norm(Handle, p, null, -1, 0));
        }

        fixed (long* d = dims)
        {
            return From(NativeMethods.tt_norm(Handle, p, d, dims.Length, keepdim ? 1 : 0));
        }
    }

    public Tensor norm(double p, long dim, bool keepdim = false) => norm(p, new[] { dim }, keepdim);

    public unsafe (Tensor values, Tensor indices) topk(long k, long dim = -1, bool largest = true, bool sorted = true)
    {
        IntPtr* o = stackalloc IntPtr[2];
        Native.Check(NativeMethods.tt_topk(Handle, k, dim, largest ? 1 : 0, sorted ? 1 : 0, o));
        return (From(o[0]), From(o[1]));
    }

    public unsafe (Tensor values, Tensor indices) sort(long dim = -1, bool descending = false, bool stable = false)
    {
        IntPtr* o = stackalloc IntPtr[2];
        Native.Check(NativeMethods.tt_sort(Handle, dim, descending ? 1 : 0, stable ? 1 : 0, o));
        return (From(o[0]), From(o[1]));
    }

    public Tensor argsort(long dim = -1, bool descending = false) => From(NativeMethods.tt_argsort(Handle, dim, descending ? 1 : 0));
    public Tensor cumsum(long dim) => From(NativeMethods.tt_cumsum(Handle, dim));
    public Tensor cumprod(long dim) => From(NativeMethods.tt_cumprod(Handle, dim));
    public Tensor softmax(long dim) => From(NativeMethods.tt_softmax(Handle, dim));
    public Tensor log_softmax(long dim) => From(NativeMethods.tt_log_softmax(Handle, dim));

    public bool allclose(Tensor other, double rtol = 1e-5, double atol = 1e-8) =>
        Native.Check(NativeMethods.tt_allclose(Handle, other.Handle, rtol, atol)) != 0;

    /// <summary>True when shapes and all values are equal.</summary>
    public bool equal(Tensor other) => Native.Check(NativeMethods.tt_equal(Handle, other.Handle)) != 0;
}
