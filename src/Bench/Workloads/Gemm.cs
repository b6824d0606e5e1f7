using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Bench.Workloads;

/// <summary>
/// Large-matmul throughput: <c>c = a.matmul(b)</c> for float32 n x n matrices, 2 n^3 flops per op, in GFLOP/s.
/// The engine issue's goal for large matmul: within 5% of PyTorch's rate (ratio >= 0.95), set here on n = 2048.
/// </summary>
public sealed class Gemm : Workload
{
    private readonly int _n;
    private Tensor? _a;
    private Tensor? _b;

    /// <summary>A GEMM workload of size <paramref name="n"/> (named "gemm-n").</summary>
    public Gemm(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        _n = n;
    }

    public override string Name => $"gemm-{_n}";

    public override string Description => $"c = a @ b, float32 {_n}x{_n} @ {_n}x{_n}, 2n^3 flops";

    public override string Unit => "GFLOP/s";

    public override Better Better => Better.Higher;

    public override Target? Target => _n >= 1024 ? new(0.95, "issue 2 s4: large matmul within 5% of PyTorch") : null;

    public override void Setup()
    {
        manual_seed(0);
        _a = randn(_n, _n);
        _b = randn(_n, _n);
    }

    public override void Run(long iterations)
    {
        Tensor a = _a!;
        Tensor b = _b!;
        for (long i = 0; i < iterations; i++)
        {
            using Tensor c = a.matmul(b);
        }
    }

    public override double Checksum()
    {
        using Tensor c = _a!.matmul(_b!);
        using Tensor sq = c.square();
        using Tensor s = sq.sum();
        return s.item<double>();
    }

    public override double ToUnit(double secondsPerIteration) => 2.0 * _n * _n * _n / secondsPerIteration * 1e-9;

    protected override void Dispose(bool disposing)
    {
        _a?.Dispose();
        _b?.Dispose();
    }
}
