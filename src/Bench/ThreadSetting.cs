namespace Trainer.Bench;

/// <summary>
/// Thread settings applied to both sides: libtorch intra-op threads (ours: at::set_num_threads, the peer:
/// torch.set_num_threads) and OpenBLAS threads (ours: openblas_set_num_threads, the peer: OPENBLAS_NUM_THREADS).
/// </summary>
public readonly record struct ThreadSetting(int Torch, int Blas)
{
    public override string ToString() => $"torch={Torch} blas={Blas}";
}
