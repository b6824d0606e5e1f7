using System.Runtime.InteropServices;

namespace Trainer.Torch.Interop;

/// <summary>P/Invoke declarations of native/tensor.cpp. Handles returned as IntPtr are owned by the caller.</summary>
internal static unsafe partial class NativeMethods
{
    internal const string Lib = "trainer_torch";

    [LibraryImport(Lib)] internal static partial IntPtr tt_last_error();
    [LibraryImport(Lib)] internal static partial void tt_free(IntPtr t);

    [LibraryImport(Lib)] internal static partial IntPtr tt_empty(long* shape, int ndim, int dtype, int dev, int devidx);
    [LibraryImport(Lib)] internal static partial IntPtr tt_full(long* shape, int ndim, double value, int dtype, int dev, int devidx);
    [LibraryImport(Lib)] internal static partial IntPtr tt_arange(double start, double end, double step, int dtype, int dev, int devidx);
    [LibraryImport(Lib)] internal static partial IntPtr tt_linspace(double start, double end, long steps, int dtype, int dev, int devidx);
    [LibraryImport(Lib)] internal static partial IntPtr tt_eye(long n, long m, int dtype, int dev, int devidx);
    [LibraryImport(Lib)] internal static partial IntPtr tt_random(int kind, long* shape, int ndim, int dtype, int dev, int devidx);
    [LibraryImport(Lib)] internal static partial IntPtr tt_randint(long low, long high, long* shape, int ndim, int dtype, int dev, int devidx);
    [LibraryImport(Lib)] internal static partial IntPtr tt_randperm(long n, int dtype, int dev, int devidx);
    [LibraryImport(Lib)] internal static partial IntPtr tt_multinomial(TensorHandle probs, long n, int replacement);
    [LibraryImport(Lib)] internal static partial IntPtr tt_from_data(void* data, long* shape, int ndim, int dtype);
    [LibraryImport(Lib)] internal static partial int tt_copy_to(TensorHandle t, void* dst, long nbytes);
    [LibraryImport(Lib)] internal static partial int tt_copy_from(TensorHandle t, void* src, long nbytes);
    [LibraryImport(Lib)] internal static partial IntPtr tt_data_ptr(TensorHandle t);

    [LibraryImport(Lib)] internal static partial int tt_ndim(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int tt_shape(TensorHandle t, long* shape);
    [LibraryImport(Lib)] internal static partial int tt_strides(TensorHandle t, long* strides);
    [LibraryImport(Lib)] internal static partial long tt_numel(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int tt_dtype(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int tt_device_type(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int tt_device_index(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int tt_requires_grad(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int tt_is_leaf(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int tt_is_contiguous(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int tt_is_sparse(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int tt_same_storage(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial long tt_storage_offset(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int tt_set_requires_grad(TensorHandle t, int value);
    [LibraryImport(Lib)] internal static partial int tt_item_double(TensorHandle t, double* value);
    [LibraryImport(Lib)] internal static partial int tt_item_long(TensorHandle t, long* value);

    [LibraryImport(Lib)] internal static partial IntPtr tt_to(TensorHandle t, int dtype, int dev, int devidx, int copy);
    [LibraryImport(Lib)] internal static partial IntPtr tt_clone(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr tt_detach(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr tt_contiguous(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr tt_alias(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr tt_to_string(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr tt_string_chars(IntPtr s);
    [LibraryImport(Lib)] internal static partial void tt_free_string(IntPtr s);

    [LibraryImport(Lib)] internal static partial IntPtr tt_view(TensorHandle t, long* shape, int ndim);
    [LibraryImport(Lib)] internal static partial IntPtr tt_reshape(TensorHandle t, long* shape, int ndim);
    [LibraryImport(Lib)] internal static partial IntPtr tt_transpose(TensorHandle t, long d0, long d1);
    [LibraryImport(Lib)] internal static partial IntPtr tt_permute(TensorHandle t, long* dims, int n);
    [LibraryImport(Lib)] internal static partial IntPtr tt_unsqueeze(TensorHandle t, long d);
    [LibraryImport(Lib)] internal static partial IntPtr tt_squeeze(TensorHandle t, long d, int all);
    [LibraryImport(Lib)] internal static partial IntPtr tt_flatten(TensorHandle t, long start, long end);
    [LibraryImport(Lib)] internal static partial IntPtr tt_expand(TensorHandle t, long* shape, int n);
    [LibraryImport(Lib)] internal static partial IntPtr tt_repeat(TensorHandle t, long* reps, int n);
    [LibraryImport(Lib)] internal static partial IntPtr tt_narrow(TensorHandle t, long d, long start, long length);
    [LibraryImport(Lib)] internal static partial IntPtr tt_select(TensorHandle t, long d, long i);
    [LibraryImport(Lib)] internal static partial IntPtr tt_flip(TensorHandle t, long* dims, int n);
    [LibraryImport(Lib)] internal static partial IntPtr tt_roll(TensorHandle t, long shift, long d);
    [LibraryImport(Lib)] internal static partial IntPtr tt_slice(TensorHandle t, long d, long start, long end, long step);
    [LibraryImport(Lib)] internal static partial IntPtr tt_cat(IntPtr* ts, int n, long d);
    [LibraryImport(Lib)] internal static partial IntPtr tt_stack(IntPtr* ts, int n, long d);
    [LibraryImport(Lib)] internal static partial int tt_split(TensorHandle t, int mode, long size, long* sizes, int nsizes, long d, IntPtr* outs, int cap);

    [LibraryImport(Lib)] internal static partial IntPtr tt_index(TensorHandle t, TTIndex* ix, int n);
    [LibraryImport(Lib)] internal static partial int tt_index_put_tensor(TensorHandle t, TTIndex* ix, int n, TensorHandle value);
    [LibraryImport(Lib)] internal static partial int tt_index_put_scalar(TensorHandle t, TTIndex* ix, int n, double value);
}
