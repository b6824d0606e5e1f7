using Trainer.Models.Core;
using Trainer.Models.Gpt;
using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Training.Tasks.InContext;

/// <summary>
/// A GPT on the in-context path-star task with per-path-index metrics: the loss is the GPT's (next-token
/// cross-entropy on the path), and <see cref="Evaluate"/> adds the teacher-forced accuracy of path token k,
/// <c>pos_k_acc</c> (the target at input position P - 1 + k, P = prompt length), and <c>decision_acc</c> =
/// <c>pos_1_acc</c>: for forward paths the choice of arm at the source, the token teacher forcing cannot learn
/// (Clever Hans), expected near 1/degree. The module, and so the checkpoint, is the GPT's.
/// </summary>
public sealed class InContextPathStarModel : ITrainable
{
    public InContextPathStarModel(GptModel gpt, int promptLength, int pathLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(promptLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pathLength, 1);
        Gpt = gpt;
        PromptLength = promptLength;
        PathLength = pathLength;
    }

    public GptModel Gpt { get; }

    /// <summary>Prompt tokens P.</summary>
    public int PromptLength { get; }

    /// <summary>Path tokens L.</summary>
    public int PathLength { get; }

    public Module Module => Gpt;

    public Tensor Loss(Batch batch) => Gpt.Loss(batch);

    public IReadOnlyDictionary<string, double> Evaluate(Batch batch)
    {
        var metrics = new Dictionary<string, double>(Gpt.Evaluate(batch));
        using DisposeScope scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor predicted = Gpt.forward(batch.Input).argmax(-1); // (B, T)
        Tensor target = batch.Target!; // (B, T)
        for (int k = 0; k < PathLength; k++)
        {
            long pos = PromptLength - 1 + k;
            double acc = predicted.select(1, pos).eq(target.select(1, pos)).to(ScalarType.Float32).mean().item<float>();
            metrics[$"pos_{k}_acc"] = acc;
        }

        if (PathLength > 1)
        {
            metrics["decision_acc"] = metrics["pos_1_acc"];
        }

        return metrics;
    }
}
