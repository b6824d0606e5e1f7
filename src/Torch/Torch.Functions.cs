using Trainer.Torch.Interop;

namespace Trainer.Torch;

// torch.* functions that are not tensor methods, or are also available as functions.
public static partial class torch
{
    public static Tensor matmul(Tensor a, Tensor b) => a.matmul(b);
    public static Tensor mm(Tensor a, Tensor b) => a.mm(b);
    public static Tensor bmm(Tensor a, Tensor b) => a.bmm(b);
    public static Tensor outer(Tensor a, Tensor b) => a.outer(b);
    public static Tensor dot(Tensor a, Tensor b) => a.dot(b);
    public static Tensor maximum(Tensor a, Tensor b) => a.maximum(b);
    public static Tensor minimum(Tensor a, Tensor b) => a.minimum(b);
    public static Tensor exp(Tensor t) => t.exp();
    public static Tensor log(Tensor t) => t.log();
    public static Tensor sqrt(Tensor t) => t.sqrt();
    public static Tensor abs(Tensor t) => t.abs();
    public static Tensor tanh(Tensor t) => t.tanh();
    public static Tensor sigmoid(Tensor t) => t.sigmoid();
    public static Tensor relu(Tensor t) => t.relu();
    public static Tensor softmax(Tensor t, long dim) => t.softmax(dim);
    public static Tensor log_softmax(Tensor t, long dim) => t.log_softmax(dim);
    public static Tensor logsumexp(Tensor t, long dim, bool keepdim = false) => t.logsumexp(dim, keepdim);
    public static Tensor sum(Tensor t) => t.sum();
    public static Tensor mean(Tensor t) => t.mean();
    public static Tensor clamp(Tensor t, double? min = null, double? max = null) => t.clamp(min, max);
    public static Tensor tril(Tensor t, long diagonal = 0) => t.tril(diagonal);
    public static Tensor triu(Tensor t, long diagonal = 0) => t.triu(diagonal);
    public static Tensor isnan(Tensor t) => t.isnan();
    public static Tensor isfinite(Tensor t) => t.isfinite();
    public static Tensor gather(Tensor t, long dim, Tensor index) => t.gather(dim, index);
    public static Tensor index_select(Tensor t, long dim, Tensor index) => t.index_select(dim, index);
    public static Tensor masked_select(Tensor t, Tensor mask) => t.masked_select(mask);
    public static Tensor flatten(Tensor t, long startDim = 0, long endDim = -1) => t.flatten(startDim, endDim);
    public static Tensor cumsum(Tensor t, long dim) => t.cumsum(dim);
    public static (Tensor values, Tensor indices) topk(Tensor t, long k, long dim = -1, bool largest = true, bool sorted = true) =>
        t.topk(k, dim, largest, sorted);
    public static (Tensor values, Tensor indices) sort(Tensor t, long dim = -1, bool descending = false) => t.sort(dim, descending);
    public static Tensor argsort(Tensor t, long dim = -1, bool descending = false) => t.argsort(dim, descending);
    public static bool allclose(Tensor a, Tensor b, double rtol = 1e-5, double atol = 1e-8) => a.allclose(b, rtol, atol);

    /// <summary>cond ? a : b, element-wise with broadcasting.</summary>
    public static Tensor where(Tensor condition, Tensor a, Tensor b) =>
        Tensor.From(NativeMethods.tt_where(condition.Handle, a.Handle, b.Handle));

    public static unsafe Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        IntPtr[] h = Tensor.Handles(tensors);
        fixed (IntPtr* p = h)
        {
            Tensor r = Tensor.From(NativeMethods.tt_cat(p, h.Length, dim));
            GC.KeepAlive(tensors);
            return r;
        }
    }

    public static unsafe Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        IntPtr[] h = Tensor.Handles(tensors);
        fixed (IntPtr* p = h)
        {
            Tensor r = Tensor.From(NativeMethods.tt_stack(p, h.Length, dim));
            GC.KeepAlive(tensors);
            return r;
        }
    }

    /// <summary>Einstein summation, e.g. <c>einsum("bij,bjk->bik", a, b)</c>.</summary>
    public static unsafe Tensor einsum(string equation, params Tensor[] operands)
    {
        IntPtr[] h = Tensor.Handles(operands);
        fixed (IntPtr* p = h)
        {
            Tensor r = Tensor.From(NativeMethods.tt_einsum(equation, p, h.Length));
            GC.KeepAlive(operands);
            return r;
        }
    }

    /// <summary>One-hot int64 encoding with <paramref name="num_classes"/> columns (-1: max + 1).</summary>
    public static Tensor one_hot(Tensor t, long num_classes = -1) => Tensor.From(NativeMethods.tt_one_hot(t.Handle, num_classes));

    /// <summary>Sorted unique values of the flattened tensor, with the inverse indices and counts.</summary>
    public static unsafe (Tensor values, Tensor inverse, Tensor counts) unique(Tensor t, bool sorted = true)
    {
        IntPtr* o = stackalloc IntPtr[3];
        Native.Check(NativeMethods.tt_unique(t.Handle, sorted ? 1 : 0, o));
        return (Tensor.From(o[0]), Tensor.From(o[1]), Tensor.From(o[2]));
    }

    /// <summary>Counts of each non-negative integer (weighted sums if <paramref name="weights"/> is given).</summary>
    public static Tensor bincount(Tensor t, Tensor? weights = null, long minlength = 0)
    {
        Tensor r = Tensor.From(NativeMethods.tt_bincount(t.Handle, Tensor.Opt(weights), minlength));
        GC.KeepAlive(weights);
        return r;
    }

    /// <summary>p-norm distances between the rows of <paramref name="a"/> (.., P, M) and <paramref name="b"/> (.., R, M).</summary>
    public static Tensor cdist(Tensor a, Tensor b, double p = 2) => Tensor.From(NativeMethods.tt_cdist(a.Handle, b.Handle, p));

    public static Tensor cosine_similarity(Tensor a, Tensor b, long dim = 1, double eps = 1e-8) =>
        Tensor.From(NativeMethods.tt_cosine_similarity(a.Handle, b.Handle, dim, eps));

    public static Tensor sparse_coo_tensor(Tensor indices, Tensor values, long[] shape)
    {
        unsafe
        {
            fixed (long* s = shape)
            {
                return Tensor.From(NativeMethods.tt_sparse_coo(indices.Handle, values.Handle, s, shape.Length));
            }
        }
    }
}
