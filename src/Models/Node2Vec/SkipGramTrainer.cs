using System.Diagnostics;
using Trainer.Models.Core;
using Trainer.Torch;
using Trainer.Torch.Optim;
using static Trainer.Torch.torch;

namespace Trainer.Models.Node2Vec;

/// <summary>Options of the batched (libtorch, autograd) skip-gram loop.</summary>
public sealed record SkipGramTrainOptions
{
    /// <summary>"sparse_adam" (needs sparse gradients), "adam" (needs dense ones) or "sgd" (either).</summary>
    public string Optimizer { get; init; } = "sparse_adam";

    /// <summary>The allowed values of <see cref="Optimizer"/>.</summary>
    public static IReadOnlyList<string> Optimizers { get; } = ["sparse_adam", "adam", "sgd"];

    /// <summary>Learning rate (at the start, when decaying).</summary>
    public double Lr { get; init; } = 0.01;

    /// <summary>Decay the rate linearly to <see cref="MinLrRatio"/> * lr over the run (word2vec's schedule).</summary>
    public bool LinearDecay { get; init; }

    /// <summary>Final rate as a share of <see cref="Lr"/> when decaying.</summary>
    public double MinLrRatio { get; init; } = 0.0001;

    /// <summary>Passes over all pairs.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Record the mean loss every N steps (0 = only the last interval).</summary>
    public int LogEvery { get; init; } = 50;

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending key.</summary>
    public void Validate(SkipGramConfig model)
    {
        if (!Optimizers.Contains(Optimizer))
        {
            throw new ArgumentException($"optimizer must be one of {string.Join(", ", Optimizers)}; got '{Optimizer}'");
        }

        if (Optimizer == "sparse_adam" && !model.Sparse)
        {
            throw new ArgumentException("optimizer sparse_adam needs sparse = true (sparse gradients)");
        }

        if (Optimizer == "adam" && model.Sparse)
        {
            throw new ArgumentException("optimizer adam needs sparse = false (dense gradients); use sparse_adam for sparse ones");
        }

        if (!(Lr > 0) || Epochs < 1 || LogEvery < 0)
        {
            throw new ArgumentException($"need lr > 0, epochs >= 1 and log_every >= 0; got lr {Lr}, epochs {Epochs}, log_every {LogEvery}");
        }
    }
}

/// <summary>What a skip-gram run did: steps, pairs, time, throughput and the loss curve.</summary>
/// <param name="Steps">Optimizer steps.</param>
/// <param name="Pairs">(centre, context) pairs processed (each with its k negatives).</param>
/// <param name="Seconds">Wall time of the training loop (batch making included).</param>
/// <param name="Losses">Mean loss of each logging interval, in order.</param>
public sealed record SkipGramTrainResult(long Steps, long Pairs, double Seconds, IReadOnlyList<double> Losses)
{
    /// <summary>Pairs per second of wall time.</summary>
    public double PairsPerSecond => Seconds > 0 ? Pairs / Seconds : double.NaN;
}

/// <summary>
/// The batched skip-gram loop over libtorch: per step, look up B centres and B (1 + k) targets (index_select),
/// score them with one bmm, take the mean negative-sampling loss, backpropagate (sparse or dense) and step the
/// optimizer. For word2vec's per-pair Hogwild SGD, see <see cref="SkipGramSgd"/>.
/// </summary>
public static class SkipGramTrainer
{
    /// <summary>Trains <paramref name="model"/> for <see cref="SkipGramTrainOptions.Epochs"/> passes over <paramref name="batches"/>.</summary>
    public static SkipGramTrainResult Train(SkipGramModel model, IBatchSource batches, SkipGramTrainOptions options)
    {
        options.Validate(model.Config);
        using Optimizer optimizer = MakeOptimizer(model, options);
        long total = batches.StepsPerEpoch * options.Epochs;
        var losses = new List<double>();
        double sum = 0;
        int inInterval = 0;
        long pairs = 0;
        var clock = Stopwatch.StartNew();
        for (long step = 0; step < total; step++)
        {
            if (options.LinearDecay)
            {
                double frac = (double)step / total;
                optimizer.set_lr(options.Lr * (1 - frac * (1 - options.MinLrRatio)));
            }

            using DisposeScope scope = NewDisposeScope();
            using Batch batch = batches.Train(step);
            optimizer.zero_grad();
            Tensor loss = model.Loss(batch);
            loss.backward();
            optimizer.step();
            pairs += batch.Input.size(0);
            sum += loss.item<float>();
            inInterval++;
            if (options.LogEvery > 0 && inInterval == options.LogEvery)
            {
                losses.Add(sum / inInterval);
                sum = 0;
                inInterval = 0;
            }
        }

        if (inInterval > 0)
        {
            losses.Add(sum / inInterval);
        }

        return new SkipGramTrainResult(total, pairs, clock.Elapsed.TotalSeconds, losses);
    }

    /// <summary>The optimizer <paramref name="options"/> names, over the model's tables.</summary>
    public static Optimizer MakeOptimizer(SkipGramModel model, SkipGramTrainOptions options)
    {
        IEnumerable<Tensor> ps = model.parameters().Cast<Tensor>().ToList();
        return options.Optimizer switch
        {
            "sparse_adam" => optim.SparseAdam(ps, options.Lr),
            "adam" => optim.Adam(ps, options.Lr),
            _ => optim.SGD(ps, options.Lr),
        };
    }
}
