using System.Runtime.InteropServices;

namespace Trainer.Torch.Interop;

/// <summary>P/Invoke declarations of native/ops.cpp.</summary>
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial IntPtr tt_unary(int op, TensorHandle x);
    [LibraryImport(Lib)] internal static partial int tt_unary_(int op, TensorHandle x);
    [LibraryImport(Lib)] internal static partial IntPtr tt_binary(int op, TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial int tt_binary_(int op, TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr tt_binary_scalar(int op, TensorHandle a, double s, int isInt);
    [LibraryImport(Lib)] internal static partial int tt_binary_scalar_(int op, TensorHandle a, double s, int isInt);
    [LibraryImport(Lib)] internal static partial IntPtr tt_add_scaled(TensorHandle a, TensorHandle b, double alpha);
    [LibraryImport(Lib)] internal static partial int tt_add_scaled_(TensorHandle a, TensorHandle b, double alpha);
    [LibraryImport(Lib)] internal static partial IntPtr tt_addcmul(TensorHandle self, TensorHandle t1, TensorHandle t2, double value, int inplace);
    [LibraryImport(Lib)] internal static partial IntPtr tt_addcdiv(TensorHandle self, TensorHandle t1, TensorHandle t2, double value, int inplace);
    [LibraryImport(Lib)] internal static partial IntPtr tt_lerp(TensorHandle a, TensorHandle b, double w, int inplace);
    [LibraryImport(Lib)] internal static partial int tt_copy_(TensorHandle dst, TensorHandle src);
    [LibraryImport(Lib)] internal static partial int tt_fill_(TensorHandle t, double value);
    [LibraryImport(Lib)] internal static partial IntPtr tt_clamp(TensorHandle t, int hasMin, double min, int hasMax, double max, int inplace);
    [LibraryImport(Lib)] internal static partial IntPtr tt_where(TensorHandle cond, TensorHandle a, TensorHandle b);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr tt_einsum(string eq, IntPtr* ts, int n);

    [LibraryImport(Lib)] internal static partial IntPtr tt_reduce(int op, TensorHandle t, long* dims, int ndims, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr tt_var(TensorHandle t, long* dims, int ndims, long correction, int keepdim, int isStd);
    [LibraryImport(Lib)] internal static partial IntPtr tt_norm(TensorHandle t, double p, long* dims, int ndims, int keepdim);
    [LibraryImport(Lib)] internal static partial int tt_minmax_dim(int kind, TensorHandle t, long d, int keepdim, IntPtr* outs);
    [LibraryImport(Lib)] internal static partial IntPtr tt_argminmax(int kind, TensorHandle t, int hasDim, long d, int keepdim);
    [LibraryImport(Lib)] internal static partial int tt_topk(TensorHandle t, long k, long d, int largest, int sorted, IntPtr* outs);
    [LibraryImport(Lib)] internal static partial int tt_sort(TensorHandle t, long d, int descending, int stable, IntPtr* outs);
    [LibraryImport(Lib)] internal static partial IntPtr tt_argsort(TensorHandle t, long d, int descending);
    [LibraryImport(Lib)] internal static partial IntPtr tt_cumsum(TensorHandle t, long d);
    [LibraryImport(Lib)] internal static partial IntPtr tt_cumprod(TensorHandle t, long d);
    [LibraryImport(Lib)] internal static partial IntPtr tt_softmax(TensorHandle t, long d);
    [LibraryImport(Lib)] internal static partial IntPtr tt_log_softmax(TensorHandle t, long d);

    [LibraryImport(Lib)] internal static partial IntPtr tt_index_select(TensorHandle t, long d, TensorHandle idx);
    [LibraryImport(Lib)] internal static partial IntPtr tt_gather(TensorHandle t, long d, TensorHandle idx);
    [LibraryImport(Lib)] internal static partial IntPtr tt_scatter(int kind, TensorHandle t, long d, TensorHandle idx, TensorHandle src, int inplace);
    [LibraryImport(Lib)] internal static partial IntPtr tt_index_add(TensorHandle t, long d, TensorHandle idx, TensorHandle src, double alpha, int inplace);
    [LibraryImport(Lib)] internal static partial IntPtr tt_masked_fill(TensorHandle t, TensorHandle mask, double value, int inplace);
    [LibraryImport(Lib)] internal static partial IntPtr tt_masked_select(TensorHandle t, TensorHandle mask);
    [LibraryImport(Lib)] internal static partial IntPtr tt_nonzero(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr tt_tril(TensorHandle t, long k);
    [LibraryImport(Lib)] internal static partial IntPtr tt_triu(TensorHandle t, long k);
    [LibraryImport(Lib)] internal static partial IntPtr tt_one_hot(TensorHandle t, long n);
    [LibraryImport(Lib)] internal static partial IntPtr tt_diag(TensorHandle t, long k);
    [LibraryImport(Lib)] internal static partial IntPtr tt_diagonal(TensorHandle t, long offset, long d1, long d2);
    [LibraryImport(Lib)] internal static partial IntPtr tt_trace(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr tt_bincount(TensorHandle t, IntPtr weights, long minlength);
    [LibraryImport(Lib)] internal static partial int tt_unique(TensorHandle t, int sorted, IntPtr* outs);
    [LibraryImport(Lib)] internal static partial int tt_allclose(TensorHandle a, TensorHandle b, double rtol, double atol);
    [LibraryImport(Lib)] internal static partial int tt_equal(TensorHandle a, TensorHandle b);
}
