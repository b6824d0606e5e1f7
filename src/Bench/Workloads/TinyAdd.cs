using Trainer.Torch;
using Trainer.Torch.Interop;
using static Trainer.Torch.torch;

namespace Trainer.Bench.Workloads;

/// <summary>
/// Per-op cost of the smallest op: <c>c = a + b</c> for two float32 tensors of 8 elements, each result freed at once.
/// The floor is the same add looped inside the C++ shim; the engine issue's goal (issue 2, section 4, read as in
/// NOTES.md "Per-op cost") is (ours - floor) &lt;= 1/2 (PyTorch - floor).
/// </summary>
public sealed class TinyAdd : Workload
{
    private Tensor? _a;
    private Tensor? _b;

    public override string Name => "tiny-add";

    public override string Description => "c = a + b, float32[8] + float32[8], result freed each op";

    public override string Unit => "us/op";

    public override bool HasFloor => true;

    public override Target? OverheadTarget => new(0.5, "issue 2 s4: per-op overhead at most half of PyTorch's");

    public override void Setup()
    {
        manual_seed(0);
        _a = randn(8);
        _b = randn(8);
    }

    public override void Run(long iterations)
    {
        Tensor a = _a!;
        Tensor b = _b!;
        for (long i = 0; i < iterations; i++)
        {
            using Tensor c = a + b;
        }
    }

    public override IReadOnlyList<(string Name, Func<long, double> Seconds)> Layers => new (string, Func<long, double>)[]
    {
        ("raw P/Invoke + free", n => NativeFloor.RawInteropAddNanoseconds(_a!, _b!, n) * 1e-9),
        ("SafeHandle P/Invoke + free", n => NativeFloor.SafeHandleInteropAddNanoseconds(_a!, _b!, n) * 1e-9),
        ("+ TensorHandle per result", n => NativeFloor.HandlePerResultAddNanoseconds(_a!, _b!, n) * 1e-9),
    };

    public override double RunFloor(long iterations) => NativeFloor.AddLoopNanoseconds(_a!, _b!, iterations) * 1e-9;

    public override double Checksum()
    {
        using Tensor c = _a! + _b!;
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
