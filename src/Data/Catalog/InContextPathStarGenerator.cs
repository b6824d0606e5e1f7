using Trainer.Data.Storage;
using Trainer.Data.Tasks;

namespace Trainer.Data.Catalog;

/// <summary>
/// Catalog entry "in-context-path-star": a fresh random path-star graph per example (Bachmann and Nagarajan).
/// Arrays inputs, targets (count, length), with -1 targets on the prompt; text examples. See <see cref="InContextPathStar"/>.
/// </summary>
public sealed class InContextPathStarGenerator : DataGenerator<InContextPathStarConfig>
{
    /// <inheritdoc />
    public override string Name => "in-context-path-star";

    /// <inheritdoc />
    public override string Description => "in-context path-star: shuffled edge list / source goal [PAUSE] -> path, loss on the path only; reverse and teacherless variants";

    /// <inheritdoc />
    public override Dataset Build(InContextPathStarConfig config, ulong seed)
    {
        var examples = InContextPathStar.Generate(config, seed);
        var vocab = new PathStarVocabulary(config.NodeCount);
        var encoded = InContextPathStar.Encode(config, examples);
        var data = NewDataset(config, seed);
        data.Add(DataArray.Of("inputs", encoded.Inputs, encoded.Count, encoded.Length));
        data.Add(DataArray.Of("targets", encoded.Targets, encoded.Count, encoded.Length));
        data.AddText("examples", TokenText.RenderAll(vocab, examples));
        data.Info["vocab_size"] = vocab.Size;
        data.Info["pad_token"] = vocab.Pad;
        data.Info["prompt_length"] = examples.Length > 0 ? examples[0].Prompt.Length : 0;
        data.Info["teacherless_token"] = vocab.Dollar;
        return data;
    }
}
