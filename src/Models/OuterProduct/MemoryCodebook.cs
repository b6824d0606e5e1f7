using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.OuterProduct;

/// <summary>
/// Fixed random embeddings of an outer-product memory (digest 1.1): input embeddings e_x ~ N(0, I/d) (the rows of
/// E = randn(N, d) / sqrt(d), of norm about 1) and output unembeddings u_y with unit rows (U = randn(M, d), each row
/// normalised). Drawn from libtorch's global generator after <c>manual_seed(seed)</c>. Disposing frees both.
/// </summary>
public sealed class MemoryCodebook : IDisposable
{
    private MemoryCodebook(Tensor e, Tensor u)
    {
        E = e;
        U = u;
    }

    /// <summary>Input embeddings E, (N, d) float32.</summary>
    public Tensor E { get; }

    /// <summary>Output unembeddings U, (M, d) float32, unit rows.</summary>
    public Tensor U { get; }

    public long Inputs => E.size(0);

    public long Classes => U.size(0);

    public long Dim => E.size(1);

    /// <summary>Draws E and U for N inputs, M classes and memory size d.</summary>
    public static MemoryCodebook Random(int inputs, int classes, int dim, ulong seed)
    {
        manual_seed(seed);
        using DisposeScope scope = NewDisposeScope();
        Tensor e = randn(inputs, dim).div_(Math.Sqrt(dim)); // (N, d)
        Tensor u = nn.functional.normalize(randn(classes, dim), dim: 1); // (M, d)
        scope.MoveToOuter(e, u);
        return new MemoryCodebook(e, u);
    }

    /// <summary>A codebook from given tensors (copied), e.g. exactly orthonormal rows for checks.</summary>
    public static MemoryCodebook From(Tensor e, Tensor u) => new(e.detach().clone(), u.detach().clone());

    public void Dispose()
    {
        E.Dispose();
        U.Dispose();
    }
}
