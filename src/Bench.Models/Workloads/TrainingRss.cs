using Trainer.Torch;
using Trainer.Torch.Nn;
using Trainer.Torch.Optim;
using static Trainer.Torch.torch;

namespace Trainer.Bench.Models.Workloads;

/// <summary>
/// The long-run memory check of issue 8 ("RSS growth under 20 MB over 100,000 training steps"): one iteration is
/// <see cref="StepsPerIteration"/> full training steps of a small classifier through our modules, autograd and
/// optimizer, so a run of the harness with enough rounds covers 10^5 steps and the harness's "ours' RSS grew" figure
/// (VmRSS after the last round minus after the warm-up round) is the growth over them. One step:
/// <code>
///   logits = Linear(256, 10)(LayerNorm(256)(gelu(Linear(64, 256)(x))))     x (32, 64), y (32) in [0, 10)
///   loss = cross_entropy(logits, y);  zero_grad (None);  loss.backward();  clip_grad_norm_(1.0);  AdamW(1e-3).step()
/// </code>
/// After manual_seed(0): the model (PyTorch's default init, in module order), then x = randn(32, 64) and
/// y = randint(0, 10, (32,)). The peer (bench/python/training_peer.py) trains the same nn.Sequential with
/// torch.optim.AdamW on the same numbers; the checksum is the loss after the first <see cref="StepsPerIteration"/> steps.
/// </summary>
[ModelWorkload(60)]
public sealed class TrainingRss : Workload
{
    /// <summary>Training steps per iteration.</summary>
    public const int StepsPerIteration = 100;

    private const int Batch = 32;
    private const int In = 64;
    private const int Hidden = 256;
    private const int Classes = 10;

    private Sequential? _model;
    private AdamW? _optimizer;
    private List<Tensor> _parameters = new();
    private Tensor? _x;
    private Tensor? _y;

    public override string Name => "training-rss";

    public override string PeerScript => "training_peer.py";

    public override string Description =>
        $"{StepsPerIteration} steps of Linear({In},{Hidden})-GELU-LayerNorm-Linear({Hidden},{Classes}), batch {Batch}, cross-entropy, clip 1.0, AdamW; see the RSS growth";

    public override string Unit => "ms/100 steps";

    public override void Setup()
    {
        manual_seed(0);
        _model = new Sequential(nn.Linear(In, Hidden), nn.GELU(), nn.LayerNorm(Hidden), nn.Linear(Hidden, Classes));
        _parameters = _model.parameters().Cast<Tensor>().ToList();
        _optimizer = optim.AdamW(_parameters, lr: 1e-3);
        _x = randn(Batch, In);
        _y = randint(0, Classes, new long[] { Batch });
    }

    public override void Run(long iterations)
    {
        for (long i = 0; i < iterations; i++)
        {
            for (int s = 0; s < StepsPerIteration; s++)
            {
                Step(readLoss: false);
            }
        }
    }

    public override double Checksum()
    {
        double loss = double.NaN;
        for (int s = 0; s < StepsPerIteration; s++)
        {
            loss = Step(readLoss: s == StepsPerIteration - 1);
        }

        return loss;
    }

    public override double ToUnit(double secondsPerIteration) => secondsPerIteration * 1e3;

    // One training step; returns the loss when asked for, else NaN.
    private double Step(bool readLoss)
    {
        using DisposeScope scope = NewDisposeScope();
        _optimizer!.zero_grad();
        Tensor loss = nn.functional.cross_entropy(_model!.call(_x!), _y!);
        loss.backward();
        nn.utils.clip_grad_norm_(_parameters, 1.0);
        _optimizer.step();
        return readLoss ? loss.item<double>() : double.NaN;
    }

    protected override void Dispose(bool disposing)
    {
        _optimizer?.Dispose();
        _model?.Dispose();
        _x?.Dispose();
        _y?.Dispose();
    }
}
