using Trainer.Data.Randomness;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.OuterProduct;

/// <summary>
/// Fixed random embeddings of an outer-product memory (digest 1.1): input embeddings e_x ~ N(0, I/d) (the rows of
/// E = randn(N, d) / sqrt(d), of norm about 1) and output unembeddings u_y with unit rows (U = randn(M, d), each row
/// normalised). Drawn from seeded native ziggurat streams. Disposing frees both.
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

    /// <summary>
    /// Draws E and U for N inputs, M classes and memory size d from <paramref name="seed"/> (the native ziggurat,
    /// <see cref="torch.normal_ziggurat_"/>: E from the seed's streams, U from a derived seed; libtorch's global
    /// generator is not used). <paramref name="threads"/> (0: the BLAS thread count) splits the fill of E; the draws
    /// are the same for any thread count.
    /// </summary>
    public static MemoryCodebook Random(int inputs, int classes, int dim, ulong seed, int threads = 0)
    {
        int workers = threads > 0 ? threads : Math.Max(1, Runtime.BlasThreads);
        using DisposeScope scope = NewDisposeScope();
        Tensor e = normal_ziggurat_(empty(inputs, dim), seed, 1 / Math.Sqrt(dim), workers); // (N, d), N(0, I/d) rows
        Tensor u = nn.functional.normalize(normal_ziggurat_(empty(classes, dim), Rng.DeriveSeed(seed, "unembeddings")), dim: 1); // (M, d)
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
