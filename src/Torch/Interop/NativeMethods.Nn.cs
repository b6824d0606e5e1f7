using System.Runtime.InteropServices;

namespace Trainer.Torch.Interop;

/// <summary>P/Invoke declarations of native/nn.cpp. Optional tensors are passed as IntPtr (zero for none).</summary>
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial IntPtr tt_linear(TensorHandle x, TensorHandle w, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr tt_embedding(TensorHandle weight, TensorHandle idx, long paddingIdx, int sparse);
    [LibraryImport(Lib)] internal static partial IntPtr tt_cross_entropy(TensorHandle logits, TensorHandle target, IntPtr weight, long ignoreIndex, double labelSmoothing, int reduction);
    [LibraryImport(Lib)] internal static partial IntPtr tt_nll_loss(TensorHandle logp, TensorHandle target, IntPtr weight, long ignoreIndex, int reduction);
    [LibraryImport(Lib)] internal static partial IntPtr tt_mse_loss(TensorHandle a, TensorHandle b, int reduction);
    [LibraryImport(Lib)] internal static partial IntPtr tt_bce_with_logits(TensorHandle x, TensorHandle y, IntPtr weight, IntPtr posWeight, int reduction);
    [LibraryImport(Lib)] internal static partial IntPtr tt_layer_norm(TensorHandle x, long* shape, int n, IntPtr w, IntPtr b, double eps);
    [LibraryImport(Lib)] internal static partial IntPtr tt_dropout(TensorHandle x, double p, int train);
    [LibraryImport(Lib)] internal static partial IntPtr tt_normalize(TensorHandle x, double p, long d, double eps);
    [LibraryImport(Lib)] internal static partial IntPtr tt_cosine_similarity(TensorHandle a, TensorHandle b, long d, double eps);
    [LibraryImport(Lib)] internal static partial IntPtr tt_cdist(TensorHandle a, TensorHandle b, double p);

    [LibraryImport(Lib)] internal static partial int tt_uniform_(TensorHandle t, double a, double b);
    [LibraryImport(Lib)] internal static partial int tt_normal_(TensorHandle t, double mean, double std);
    [LibraryImport(Lib)] internal static partial int tt_orthogonal_(TensorHandle t, double gain);
    [LibraryImport(Lib)] internal static partial int tt_bernoulli_(TensorHandle t, double p);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial int tt_eigh(TensorHandle t, string uplo, IntPtr* outs);
    [LibraryImport(Lib)] internal static partial int tt_svd(TensorHandle t, int fullMatrices, IntPtr* outs);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial int tt_qr(TensorHandle t, string mode, IntPtr* outs);
    [LibraryImport(Lib)] internal static partial IntPtr tt_solve(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr tt_pinv(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr tt_inv(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr tt_det(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr tt_eigvalsh(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr tt_cholesky(TensorHandle a);

    [LibraryImport(Lib)] internal static partial IntPtr tt_coalesce(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr tt_sparse_indices(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr tt_sparse_values(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr tt_to_dense(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr tt_sparse_coo(TensorHandle indices, TensorHandle values, long* shape, int n);
}
