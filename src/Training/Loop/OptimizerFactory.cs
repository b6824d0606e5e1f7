using Trainer.Torch.Nn;
using Trainer.Torch.Optim;
using static Trainer.Torch.torch;

namespace Trainer.Training.Loop;

/// <summary>Builds the optimizer a <see cref="TrainConfig"/> names over a module's parameters.</summary>
public static class OptimizerFactory
{
    public static Optimizer Create(TrainConfig c, Module module)
    {
        var ps = module.parameters().Where(p => p.requires_grad).ToList();
        if (ps.Count == 0)
        {
            throw new InvalidOperationException($"{module.GetName()} has no trainable parameters");
        }

        return c.Optimizer switch
        {
            "adamw" => optim.AdamW(ps, lr: c.Lr, betas: (c.Beta1, c.Beta2), eps: c.Eps, weight_decay: c.WeightDecay),
            "adam" => optim.Adam(ps, lr: c.Lr, betas: (c.Beta1, c.Beta2), eps: c.Eps, weight_decay: c.WeightDecay),
            "sgd" => optim.SGD(ps, lr: c.Lr, momentum: c.Momentum, weight_decay: c.WeightDecay),
            _ => throw new ArgumentException($"unknown optimizer '{c.Optimizer}': use adamw, adam or sgd"),
        };
    }
}
