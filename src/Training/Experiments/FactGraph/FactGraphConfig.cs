using Trainer.Data.Facts;
using Trainer.Training.Config;

namespace Trainer.Training.Experiments.FactGraph;

/// <summary>Config of <see cref="FactGraphExperiment"/> (snake_case keys).</summary>
public sealed record FactGraphExperimentConfig
{
    [Range(0, 1e18)]
    public long Seed { get; init; } = 7;

    [Description("The fact graph: entities, relations, structure (random, hierarchical, chain), max_hops, queries_per_hop, unseen_fraction, intermediates")]
    public FactGraphConfig Facts { get; init; } = new() { Entities = 200, Relations = 3, MaxHops = 2, QueriesPerHop = 300, UnseenFraction = 0.5 };

    [Description("Also train the GPT on the seen compositions (false = atomic facts only)")]
    public bool TrainCompositions { get; init; } = true;

    [Description("Embedding width D of every model and of the random control")]
    [Range(2, 4096)]
    public int Dim { get; init; } = 64;

    [Description("GPT layers")]
    [Range(1, 64)]
    public int GptLayers { get; init; } = 2;

    [Description("GPT heads")]
    [Range(1, 64)]
    public int GptHeads { get; init; } = 2;

    [Description("Full-batch AdamW steps of the GPT")]
    [Range(1, 1e9)]
    public long GptSteps { get; init; } = 1500;

    [Description("GPT learning rate")]
    [Range(0, 1e3)]
    public double GptLr { get; init; } = 3e-3;

    [Description("Full-batch AdamW steps of the edge networks (union graph)")]
    [Range(1, 1e9)]
    public long EdgeSteps { get; init; } = 500;

    [Description("Learning rate of the learned-embedding edge network")]
    [Range(0, 1e3)]
    public double EdgeLr { get; init; } = 0.01;

    [Description("Learning rate of the frozen-embedding edge network")]
    [Range(0, 1e3)]
    public double FrozenLr { get; init; } = 0.2;

    [Description("Gradient-descent epochs of the full-softmax Node2Vec on the union graph")]
    [Range(1, 1e9)]
    public int Node2VecSteps { get; init; } = 2000;

    [Description("Node2Vec step size")]
    [Range(0, 1e3)]
    public double Node2VecLr { get; init; } = 0.05;

    [Description("Share of each relation's facts held out from the relation-map fit")]
    [Range(0.01, 0.99)]
    public double MapHeldOut { get; init; } = 0.2;
}
