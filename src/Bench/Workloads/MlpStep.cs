using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Bench.Workloads;

/// <summary>
/// One forward and backward pass of a 2-layer MLP written with raw tensor ops, no modules:
/// <code>
/// h    = gelu(x W1 + b1)          // x (64, 256), W1 (256, 512), h (64, 512)
/// y    = h W2 + b2                // W2 (512, 256), y (64, 256)
/// loss = mean((y - t)^2)          // t (64, 256)
/// loss.backward(); then every parameter's grad is set to None
/// </code>
/// W ~ N(0, 1/fan_in), b = 0, x and t ~ N(0, 1), all drawn after manual_seed(0) in this order: x, t, W1, W2.
/// </summary>
public sealed class MlpStep : Workload
{
    private const int Batch = 64;
    private const int In = 256;
    private const int Hidden = 512;
    private const int Out = 256;

    private Tensor? _x;
    private Tensor? _t;
    private Tensor[] _params = Array.Empty<Tensor>();

    public override string Name => "mlp-step";

    public override string Description =>
        "fwd+bwd, x(64,256) -> gelu(x W1 + b1) (512) -> W2 + b2 (256), mse vs t, grads cleared";

    public override string Unit => "ms/step";

    public override void Setup()
    {
        manual_seed(0);
        _x = randn(Batch, In);
        _t = randn(Batch, Out);
        _params = new[]
        {
            Weight(In, Hidden), zeros(new long[] { Hidden }, requires_grad: true),
            Weight(Hidden, Out), zeros(new long[] { Out }, requires_grad: true),
        };
    }

    public override void Run(long iterations)
    {
        for (long i = 0; i < iterations; i++)
        {
            using DisposeScope scope = NewDisposeScope();
            Step(readLoss: false);
        }
    }

    public override double Checksum()
    {
        using DisposeScope scope = NewDisposeScope();
        return Step(readLoss: true);
    }

    public override double ToUnit(double secondsPerIteration) => secondsPerIteration * 1e3;

    /// <summary>Forward, backward, clear grads; returns the loss when asked for (one extra native read), else NaN.</summary>
    private double Step(bool readLoss)
    {
        Tensor w1 = _params[0], b1 = _params[1], w2 = _params[2], b2 = _params[3];
        Tensor h = _x!.matmul(w1).add(b1).gelu();   // (64, 512)
        Tensor y = h.matmul(w2).add(b2);             // (64, 256)
        Tensor loss = y.sub(_t!).square().mean();    // ()
        loss.backward();
        foreach (Tensor p in _params)
        {
            p.grad = null;
        }

        return readLoss ? loss.item<double>() : double.NaN;
    }

    private static Tensor Weight(int fanIn, int fanOut)
    {
        using Tensor w = randn(fanIn, fanOut);
        using Tensor scaled = w.mul(1.0 / Math.Sqrt(fanIn));
        return scaled.detach().requires_grad_();
    }

    protected override void Dispose(bool disposing)
    {
        _x?.Dispose();
        _t?.Dispose();
        foreach (Tensor p in _params)
        {
            p.Dispose();
        }
    }
}
