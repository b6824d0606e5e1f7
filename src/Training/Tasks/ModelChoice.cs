using Trainer.Models.Core;
using Trainer.Models.EdgeNetwork;
using Trainer.Models.Gpt;
using Trainer.Training.Config;

namespace Trainer.Training.Tasks;

/// <summary>The <c>model</c> section of token-sequence tasks: which model, and each model's own config.</summary>
public sealed record ModelChoice : IValidatable
{
    [Description("Which model to train")]
    [OneOf("edge_network", "gpt", "node2vec")]
    public string Kind { get; init; } = "edge_network";

    [Description("Edge network E(W e_u + b); vocab_size is set from the data")]
    public EdgeNetworkConfig EdgeNetwork { get; init; } = new();

    [Description("GPT decoder; vocab_size is set from the data, block_size at least the sequence length")]
    public GptConfig Gpt { get; init; } = new() { NLayer = 1, NHead = 1, NEmbd = 32, BlockSize = 16 };

    [Description("Full-softmax Node2Vec (graph tasks only): one table E, L = sum_u mean_{v in N(u)} -log softmax_w(e_u . e_w)[v]")]
    public Node2VecSection Node2Vec { get; init; } = new();

    public IEnumerable<ValidationProblem> Validate()
    {
        var problems = new List<ValidationProblem>();
        Check(() => (EdgeNetwork with { VocabSize = Math.Max(1, EdgeNetwork.VocabSize) }).Validate(), "edge_network", problems);
        Check(() => (Gpt with { VocabSize = Math.Max(1, Gpt.VocabSize) }).Validate(), "gpt", problems);
        return problems;
    }

    private static void Check(Action validate, string key, List<ValidationProblem> problems)
    {
        try
        {
            validate();
        }
        catch (ArgumentException e)
        {
            problems.Add(new ValidationProblem(key, null, e.Message));
        }
    }
}

/// <summary>Builds the chosen model with the vocabulary the data needs.</summary>
public static class ModelFactory
{
    public static ITrainable Create(ModelChoice m, int vocabSize, int nodeCount, int sequenceLength, ulong seed)
    {
        Trainer.Torch.torch.manual_seed(seed);
        return m.Kind switch
        {
            "edge_network" => new EdgeNetworkModel(m.EdgeNetwork with { VocabSize = vocabSize }, nodeCount),
            "gpt" => new GptModel(m.Gpt with { VocabSize = vocabSize, BlockSize = Math.Max(m.Gpt.BlockSize, sequenceLength) }, nodeCount),
            _ => throw new ArgumentException($"model.kind '{m.Kind}' needs a graph task (graph-memory) or is not one of edge_network, gpt, node2vec"),
        };
    }
}

/// <summary>The <c>model.node2vec</c> section: the paper's tiny-graph Node2Vec (N(0, 1) init, full softmax).</summary>
public sealed record Node2VecSection
{
    [Description("Embedding dimension d (the paper: 100)")]
    [Range(1, 1e6)]
    public int Dim { get; init; } = 100;
}
