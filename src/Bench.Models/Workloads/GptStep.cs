using System.Diagnostics;
using Trainer.Models.Core;
using Trainer.Models.Gpt;
using Trainer.Torch;
using Trainer.Torch.Optim;
using static Trainer.Torch.torch;

namespace Trainer.Bench.Models.Workloads;

/// <summary>The shape of a GPT step workload (issue 8, workload 1: the canonical one is <see cref="Canonical"/>).</summary>
/// <param name="Layers">Transformer blocks L.</param>
/// <param name="Width">Model width D.</param>
/// <param name="Heads">Attention heads (head size D / heads).</param>
/// <param name="Vocab">Vocabulary V (random tokens are drawn from [0, V)).</param>
/// <param name="Context">Context T (also the position table's size).</param>
/// <param name="BatchSize">Sequences per step B.</param>
public sealed record GptShape(int Layers, int Width, int Heads, int Vocab, int Context, int BatchSize)
{
    /// <summary>Issue 8: 2 layers, d_model 128, 4 heads, vocab 512, context 32, batch 64.</summary>
    public static GptShape Canonical { get; } = new(2, 128, 4, 512, 32, 64);

    /// <summary>A tiny shape for tests (same code paths, milliseconds per step).</summary>
    public static GptShape Tiny { get; } = new(1, 32, 2, 64, 8, 4);

    /// <summary>The model: our GptModel defaults (tied head, biases, pre-LN, GELU MLP 4x, dropout 0) at this shape.</summary>
    public GptConfig Config => new()
    {
        VocabSize = Vocab, BlockSize = Context, NLayer = Layers, NHead = Heads, NEmbd = Width, Dropout = 0,
    };

    /// <summary>
    /// The step's GEMMs as (batch, M, K, N), forward then backward: per block c_attn, Q K^T, A V, c_proj, c_fc,
    /// mlp.c_proj; then the head. Backward: for each linear dX and dW (each the forward's size), for each attention
    /// product two batched products of the same size. So backward FLOPs = 2 x forward FLOPs.
    /// </summary>
    public IReadOnlyList<(long Batch, long M, long K, long N)> Gemms()
    {
        long n = (long)BatchSize * Context, d = Width, t = Context, hs = Width / Heads, bh = (long)BatchSize * Heads;
        var forward = new List<(long, long, long, long)>();
        for (int l = 0; l < Layers; l++)
        {
            forward.Add((1, n, d, 3 * d));   // c_attn: (N, D) x (D, 3D)
            forward.Add((bh, t, hs, t));     // Q K^T:  (BH, T, hs) x (BH, hs, T)
            forward.Add((bh, t, t, hs));     // A V:    (BH, T, T) x (BH, T, hs)
            forward.Add((1, n, d, d));       // c_proj
            forward.Add((1, n, d, 4 * d));   // mlp.c_fc
            forward.Add((1, n, 4 * d, d));   // mlp.c_proj
        }

        forward.Add((1, n, d, Vocab));       // head (tied): (N, D) x (D, V)
        var all = new List<(long, long, long, long)>(forward);
        foreach ((long b, long m, long k, long nn) in forward)
        {
            all.Add((b, m, nn, k));          // dX = dY W^T:  (M, N) x (N, K)
            all.Add((b, k, m, nn));          // dW = X^T dY:  (K, M) x (M, N)
        }

        return all;
    }

    /// <summary>FLOPs of one training step's GEMMs: sum of 2 batch M K N (forward + backward).</summary>
    public double StepFlops() => Gemms().Sum(g => 2.0 * g.Batch * g.M * g.K * g.N);
}

/// <summary>
/// Issue 8 workload 1, one GPT training step: forward (<see cref="GptModel.Loss"/>: mean cross-entropy over every
/// position), backward, AdamW(lr 1e-3, weight decay 1e-2) step, grads set to None. Random tokens: after
/// manual_seed(0) the model is built (GptModel's nanoGPT-order init, the same draws as the peer's), then
/// idx = randint(0, V, (B, T + 1)), input idx[:, :T], targets idx[:, 1:]. float32, CPU.
/// The <see cref="Workload.Layers"/> entry "gemm floor" runs only the step's GEMMs (<see cref="GptShape.Gemms"/>,
/// same shapes, contiguous operands) each round: the matmul floor of the second target.
/// </summary>
[ModelWorkload(10)]
public sealed class GptStep : Workload
{
    private readonly GptShape _shape;
    private readonly string _name;
    private GptModel? _model;
    private AdamW? _optimizer;
    private Tensor? _input;
    private Tensor? _target;
    private List<(Tensor A, Tensor B)> _gemms = new();

    public GptStep()
        : this(GptShape.Canonical, "gpt-step")
    {
    }

    /// <summary>A workload at another shape; the peer knows "gpt-step" and "gpt-step-tiny".</summary>
    internal GptStep(GptShape shape, string name)
    {
        _shape = shape;
        _name = name;
    }

    public override string Name => _name;

    public override string PeerScript => "gpt_peer.py";

    public override string Description =>
        $"GPT fwd+bwd+AdamW: L={_shape.Layers} D={_shape.Width} heads={_shape.Heads} V={_shape.Vocab} " +
        $"T={_shape.Context} B={_shape.BatchSize}, tied head, random tokens, " +
        $"{_shape.StepFlops() / 1e9:0.00} GFLOP/step in GEMMs";

    public override string Unit => "ms/step";

    /// <summary>About 20 steps per round: with 2 (the 0.3 s default) PyTorch's median came out 137 ms against 110 ms steady.</summary>
    public override double MinRoundSeconds => 2;

    public override Target? Target => new(0.8, "issue 8: at most 0.8x best-tuned PyTorch");

    public override IReadOnlyList<(string Name, Func<long, double> Seconds)> Layers =>
        new (string, Func<long, double>)[]
        {
            ("gemm floor (the step's GEMMs alone)", RunGemmFloor),
            ("ours with op-by-op attention (no fused kernel)", n => RunWithFusedAttention(false, n)),
        };

    /// <summary>The optimizer (after <see cref="Setup"/>), for tests.</summary>
    internal AdamW Optimizer => _optimizer ?? throw new InvalidOperationException("call Setup first");

    /// <summary>The model (after <see cref="Setup"/>), for tests.</summary>
    internal GptModel Model => _model ?? throw new InvalidOperationException("call Setup first");

    public override void Setup()
    {
        DisposeState();
        manual_seed(0);
        _model = new GptModel(_shape.Config);
        _model.train();
        using Tensor idx = randint(0, _shape.Vocab, new long[] { _shape.BatchSize, _shape.Context + 1 });
        _input = idx.narrow(1, 0, _shape.Context).contiguous();   // (B, T)
        _target = idx.narrow(1, 1, _shape.Context).contiguous();  // (B, T)
        _optimizer = optim.AdamW(_model.parameters(), lr: 1e-3);
        _gemms = _shape.Gemms().Select(g => (randn(Dims(g.Batch, g.M, g.K)), randn(Dims(g.Batch, g.K, g.N)))).ToList();
    }

    public override void Run(long iterations)
    {
        for (long i = 0; i < iterations; i++)
        {
            Step(readLoss: false);
        }
    }

    /// <summary>The loss of the third step (after two AdamW updates), compared with the peer's.</summary>
    public override double Checksum()
    {
        Step(readLoss: false);
        Step(readLoss: false);
        return Step(readLoss: true);
    }

    public override double ToUnit(double secondsPerIteration) => secondsPerIteration * 1e3;

    /// <summary>One training step; returns the loss (before the update) when asked, else NaN.</summary>
    internal double Step(bool readLoss)
    {
        using DisposeScope scope = NewDisposeScope();
        using var batch = new Batch(_input!.alias(), _target!.alias());
        Tensor loss = _model!.Loss(batch);
        loss.backward();
        _optimizer!.step();
        _optimizer.zero_grad();
        return readLoss ? loss.item<float>() : double.NaN;
    }

    /// <summary>Times <paramref name="iterations"/> steps with the GPT's fused attention switched on or off.</summary>
    private double RunWithFusedAttention(bool fused, long iterations)
    {
        SetFusedAttention(fused);
        try
        {
            long start = Stopwatch.GetTimestamp();
            Run(iterations);
            return Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        finally
        {
            SetFusedAttention(true);
        }
    }

    /// <summary>Switches the fused attention kernel of every block on or off.</summary>
    internal void SetFusedAttention(bool fused)
    {
        foreach (Block block in Model.transformer.h)
        {
            block.attn.FusedAttention = fused;
        }
    }

    private double RunGemmFloor(long iterations)
    {
        long start = Stopwatch.GetTimestamp();
        for (long i = 0; i < iterations; i++)
        {
            foreach ((Tensor a, Tensor b) in _gemms)
            {
                using Tensor c = a.matmul(b);
            }
        }

        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>(rows, cols) for a plain GEMM, (batch, rows, cols) for a batched one.</summary>
    private static long[] Dims(long batch, long rows, long cols) =>
        batch == 1 ? new[] { rows, cols } : new[] { batch, rows, cols };

    private void DisposeState()
    {
        _optimizer?.Dispose();
        _optimizer = null;
        _model?.Dispose();
        _model = null;
        _input?.Dispose();
        _target?.Dispose();
        foreach ((Tensor a, Tensor b) in _gemms)
        {
            a.Dispose();
            b.Dispose();
        }

        _gemms.Clear();
    }

    protected override void Dispose(bool disposing) => DisposeState();
}
