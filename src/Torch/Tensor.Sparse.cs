using Trainer.Torch.Interop;

namespace Trainer.Torch;

// Sparse COO tensors, as produced by Embedding(sparse: true) gradients.
public partial class Tensor
{
    public Tensor coalesce() => From(NativeMethods.tt_coalesce(Handle));

    /// <summary>The (ndim_sparse, nnz) int64 indices of a sparse tensor.</summary>
    public Tensor _indices() => From(NativeMethods.tt_sparse_indices(Handle));

    /// <summary>The (nnz, dense dims...) values of a sparse tensor.</summary>
    public Tensor _values() => From(NativeMethods.tt_sparse_values(Handle));

    public Tensor to_dense() => From(NativeMethods.tt_to_dense(Handle));
}
