using Trainer.Data.Tasks;
using Trainer.Models.Core;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.Gpt;

/// <summary>Small data and a manual AdamW loop shared by the model tests.</summary>
internal static class TinyTraining
{
    /// <summary>A path-star task with 3 arms of 4 nodes (10 nodes, vocabulary 19), random ids, every path in training.</summary>
    public static PathStarTask PathStar(ulong seed = 7) => PathStarTask.Build(new PathStarTaskConfig
    {
        Degree = 3,
        PathLength = 4,
        RandomizeNodeIds = true,
        TrainFraction = 1.0,
        Recipe = PathStarRecipe.StagedFullPath,
    }, seed);

    /// <summary>Examples as (inputs, targets) int64 tensors (N, L), targets -1 where ignored.</summary>
    public static (Tensor inputs, Tensor targets) Encode(IReadOnlyList<TokenExample> examples, int padToken)
    {
        SequenceArrays a = SequenceArrays.Encode(examples, padToken);
        long[] shape = { a.Count, a.Length };
        return (tensor(a.Inputs.Select(v => (long)v).ToArray(), shape), tensor(a.Targets.Select(v => (long)v).ToArray(), shape));
    }

    /// <summary>
    /// Full-batch AdamW (weight decay 0) for <paramref name="steps"/> steps on one batch; returns the loss before each
    /// step and the final loss.
    /// </summary>
    public static List<double> Train(ITrainable model, Batch batch, int steps, double lr)
    {
        var trainable = model.Module.parameters().Where(p => p.requires_grad).ToList();
        using var opt = optim.AdamW(trainable, lr: lr, weight_decay: 0);
        var losses = new List<double>();
        model.Module.train();
        for (int s = 0; s < steps; s++)
        {
            using DisposeScope scope = NewDisposeScope();
            opt.zero_grad();
            Tensor loss = model.Loss(batch);
            losses.Add(loss.item<float>());
            loss.backward();
            opt.step();
        }

        using (NewDisposeScope())
        using (no_grad())
        {
            losses.Add(model.Loss(batch).item<float>());
        }

        return losses;
    }
}
