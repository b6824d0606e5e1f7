using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.OuterProduct;

/// <summary>
/// What a memory W stores, for plots (digest 1.4, memory_matrix): the association heat map
/// P[x, y] = softmax_y(u_y^T W e_x) (N, M) and the stored strength of each input s(x) = u_{f*(x)}^T W e_x, to set
/// against its frequency p(x) (rho = 1 stores s proportional to p, rho = 0 a constant, SGD a saturating log).
/// </summary>
public static class MemoryMaps
{
    /// <summary>softmax over classes of the scores E W^T U^T, (N, M) float32.</summary>
    public static Tensor Heatmap(MemoryCodebook codebook, Tensor w)
    {
        using DisposeScope scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor scores = codebook.E.matmul(w.t()).matmul(codebook.U.t()); // (N, M)
        return scope.MoveToOuter(scores.softmax(1));
    }

    /// <summary>s(x) = u_{f*(x)}^T W e_x for every input x (labels (N) int64).</summary>
    public static double[] StoredStrength(MemoryCodebook codebook, Tensor w, Tensor labels)
    {
        using DisposeScope scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor uf = codebook.U.index_select(0, labels); // (N, d)
        Tensor we = codebook.E.matmul(w.t()); // (N, d): rows W e_x
        return uf.mul(we).sum(1).to(ScalarType.Float64).data<double>();
    }
}
