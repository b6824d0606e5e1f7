using Trainer.Torch;
using Trainer.Torch.Optim;
using static Trainer.Torch.torch;

namespace Trainer.Models.Kernelized;

/// <summary>Optimiser of the U-Hop+ separation stage.</summary>
public enum SeparationOptimizer
{
    /// <summary>Adam (the authors' synthetic and MNIST scripts).</summary>
    Adam,

    /// <summary>SGD with momentum 0.9 (the authors' continuous variant).</summary>
    SgdMomentum,
}

/// <summary>Settings of the U-Hop+ separation stage (defaults: the authors' synthetic metastable script).</summary>
public sealed record UHopPlusOptions
{
    /// <summary>Gradient steps on the separation loss.</summary>
    public int Steps { get; init; } = 20;

    public double LearningRate { get; init; } = 1.0;

    /// <summary>Temperature tau of the separation loss.</summary>
    public double Tau { get; init; } = 0.1;

    /// <summary>Use the authors' version of the loss (see <see cref="SeparationLoss"/>).</summary>
    public bool AuthorsQuirk { get; init; }

    public SeparationOptimizer Optimizer { get; init; } = SeparationOptimizer.Adam;

    /// <summary>Memories per step (0: all of them, full batch); mini-batches cycle through the memories in order.</summary>
    public int BatchSize { get; init; }
}

/// <summary>
/// U-Hop+ (Hu, Wu and Liu, NeurIPS 2024, Algorithm 1; paper digest 5.2), stage 1: gradient steps on the separation
/// loss L(Phi) of the stored memories with respect to the feature map's parameters, the features being put back on
/// the unit sphere (renormalised) inside the loss at every step. Stage 2, retrieval with T_Phi, is
/// <see cref="KernelizedRetrieval"/>.
/// </summary>
public static class UHopPlus
{
    /// <summary>Trains <paramref name="phi"/> in place on <paramref name="memories"/> (M, d); returns the loss before each step.</summary>
    public static List<double> Separate(FeatureMap phi, Tensor memories, UHopPlusOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Steps);
        var parameters = phi.parameters().Cast<Tensor>().ToList();
        using Optimizer opt = options.Optimizer == SeparationOptimizer.Adam
            ? optim.Adam(parameters, options.LearningRate)
            : optim.SGD(parameters, options.LearningRate, momentum: 0.9);
        var losses = new List<double>(options.Steps);
        long m = memories.size(0);
        long batch = options.BatchSize > 0 ? Math.Min(options.BatchSize, m) : m;
        long start = 0;
        for (int step = 0; step < options.Steps; step++)
        {
            using var scope = NewDisposeScope();
            if (start + batch > m)
            {
                start = 0;
            }

            Tensor x = batch == m ? memories : memories.narrow(0, start, batch);
            start += batch;
            opt.zero_grad();
            Tensor loss = SeparationLoss.Compute(phi.forward(x), options.Tau, options.AuthorsQuirk);
            losses.Add(loss.item<double>());
            loss.backward();
            opt.step();
        }

        return losses;
    }

    /// <summary>The separation loss of all memories under <paramref name="phi"/>, without gradient.</summary>
    public static double Loss(FeatureMap phi, Tensor memories, double tau, bool authorsQuirk = false)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return SeparationLoss.Compute(phi.forward(memories), tau, authorsQuirk).item<double>();
    }
}
