using Trainer.Torch;
using Trainer.Torch.Interop;
using static Trainer.Torch.torch;

namespace Trainer.Bench.Workloads;

/// <summary>
/// Per-op cost of a small matmul: <c>c = a.matmul(b)</c>, float32 64x64 by 64x64 (2 * 64^3 = 524,288 flops),
/// each result freed at once. The floor is the same matmul looped inside the C++ shim.
/// </summary>
public sealed class SmallMatmul : Workload
{
    private const int N = 64;
    private Tensor? _a;
    private Tensor? _b;

    public override string Name => "matmul-64";

    public override string Description => "c = a @ b, float32 64x64 @ 64x64, result freed each op";

    public override string Unit => "us/op";

    public override bool HasFloor => true;

    public override void Setup()
    {
        manual_seed(0);
        _a = randn(N, N);
        _b = randn(N, N);
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

    public override double RunFloor(long iterations) => NativeFloor.MatmulLoopNanoseconds(_a!, _b!, iterations) * 1e-9;

    public override double Checksum()
    {
        using Tensor c = _a!.matmul(_b!);
        using Tensor sq = c.square();
        using Tensor s = sq.sum();
        return s.item<double>();
    }

    public override double ToUnit(double secondsPerIteration) => secondsPerIteration * 1e6;

    protected override void Dispose(bool disposing)
    {
        _a?.Dispose();
        _b?.Dispose();
    }
}
