using System.Text.Json.Serialization;
using Trainer.Data.Facts;
using Trainer.Training.Config;

namespace Trainer.Training.Experiments.FactGraph;

/// <summary>Config of <see cref="FactGraphExperiment"/> (snake_case keys).</summary>
public sealed record FactGraphExperimentConfig
{
    [Range(0, 1e18)]
    public long Seed { get; init; } = 7;

    [Description("The fact graph: entities, relations, structure (random, hierarchical, chain), fact_density, max_hops, queries_per_hop, unseen_fraction, intermediates (k-hop targets list t1..tk), randomize_entity_ids")]
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

    [Description("AdamW steps of the GPT")]
    [Range(1, 1e9)]
    public long GptSteps { get; init; } = 1500;

    [Description("GPT learning rate")]
    [Range(0, 1e3)]
    public double GptLr { get; init; } = 3e-3;

    [Description("GPT AdamW weight decay (the paper's recipe: 0.01)")]
    [Range(0, 10)]
    public double GptWeightDecay { get; init; } = 0.01;

    [Description("Examples per step of the GPT and the edge networks (0 = full batch; graphs of 10^4+ entities need mini-batches)")]
    [Range(0, 1e9)]
    public int BatchSize { get; init; }

    [Description("AdamW steps of the edge networks (union graph)")]
    [Range(1, 1e9)]
    public long EdgeSteps { get; init; } = 500;

    [Description("Learning rate of the learned-embedding edge network")]
    [Range(0, 1e3)]
    public double EdgeLr { get; init; } = 0.01;

    [Description("Learning rate of the frozen-embedding edge network")]
    [Range(0, 1e3)]
    public double FrozenLr { get; init; } = 0.2;

    [Description("Node2Vec on the undirected union graph: method (full_softmax = the paper's tiny-graph objective, dense E x E; skip_gram = walks and negative sampling, for large graphs) and its settings")]
    [JsonPropertyName("node2vec")]
    public FactGraphNode2VecConfig Node2Vec { get; init; } = new();

    [Description("Share of each relation's facts held out from the relation-map fit")]
    [Range(0.01, 0.99)]
    public double MapHeldOut { get; init; } = 0.2;

    [Description("Largest entity count on which the dense probes run (edge recovery's E x E scores, the spectral eigh of each relation graph); above it they are skipped")]
    [Range(5, 1e6)]
    public int ProbeMaxNodes { get; init; } = 4096;

    [Description("At most this many held-out facts per relation are scored by the map probe (0 = all)")]
    [Range(0, 1e9)]
    public int MapMaxScored { get; init; } = 2000;
}

/// <summary>The <c>node2vec</c> section of <see cref="FactGraphExperimentConfig"/>.</summary>
public sealed record FactGraphNode2VecConfig
{
    [Description("full_softmax (L = sum_u mean_{v in N(u)} -log softmax_w(e_u . e_w)[v], plain gradient descent) or skip_gram (uniform walks, word2vec SGD with negatives)")]
    [OneOf("full_softmax", "skip_gram")]
    public string Method { get; init; } = "full_softmax";

    [Description("full_softmax: gradient-descent epochs")]
    [Range(1, 1e9)]
    public int Steps { get; init; } = 2000;

    [Description("full_softmax: step size")]
    [Range(0, 1e3)]
    public double Lr { get; init; } = 0.05;

    [Description("skip_gram: walks started from every entity")]
    [Range(1, 1e6)]
    public int WalksPerNode { get; init; } = 10;

    [Description("skip_gram: nodes per walk")]
    [Range(2, 1e6)]
    public int WalkLength { get; init; } = 20;

    [Description("skip_gram: context window")]
    [Range(1, 1000)]
    public int Window { get; init; } = 5;

    [Description("skip_gram: negatives per positive pair")]
    [Range(1, 1000)]
    public int Negatives { get; init; } = 5;

    [Description("skip_gram: passes over the walks")]
    [Range(1, 1e6)]
    public int Epochs { get; init; } = 1;
}
