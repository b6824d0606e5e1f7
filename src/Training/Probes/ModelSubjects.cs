using Trainer.Data.Graphs;
using Trainer.Data.Tasks;
using Trainer.Models.Core;
using Trainer.Models.EdgeNetwork;
using Trainer.Models.Gpt;
using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Training.Probes;

/// <summary>
/// Builds a <see cref="ProbeSubject"/> from a trained model: E from <see cref="INodeEmbeddings"/>; for token models
/// (edge network, GPT) the next-node scores are the logits at the last position of <c>[EDGE] u</c> restricted to
/// node tokens; the edge network also exposes its bilinear W = W_fc^T; a GPT gets a greedy generator. Models with
/// only embeddings (Node2Vec, frozen controls) are scored by e_u . e_w.
/// </summary>
public static class ModelSubjects
{
    /// <summary>Rows of prompts scored per forward pass.</summary>
    public const int ChunkRows = 512;

    /// <summary>The subject of <paramref name="model"/> on <paramref name="graph"/>.</summary>
    public static ProbeSubject From(ITrainable model, Graph graph, int maxScoredNodes = 4096, IReadOnlyList<TokenExample>? pathExamples = null)
    {
        if (model is not INodeEmbeddings embeddings)
        {
            throw new NotSupportedException($"{model.GetType().Name} exposes no node embeddings (INodeEmbeddings): nothing to probe");
        }

        EmbeddingMatrix e;
        using (Tensor t = embeddings.NodeEmbeddings())
        {
            e = EmbeddingMatrix.FromTensor(t).TakeRows(graph.NodeCount);
        }

        bool scorable = graph.NodeCount <= maxScoredNodes;
        return new ProbeSubject
        {
            Embedding = e,
            Graph = graph,
            Scores = scorable && IsTokenModel(model) ? EdgePromptScores((Module<Tensor, Tensor>)model.Module, graph.NodeCount) : null,
            Bilinear = model is EdgeNetworkModel edge ? BilinearOf(edge) : null,
            Generator = model is GptModel gpt ? GreedyGenerator(gpt) : null,
            PathExamples = pathExamples,
        };
    }

    /// <summary>True for models whose forward maps (B, T) tokens to (B, T, V) logits.</summary>
    public static bool IsTokenModel(ITrainable model) => model is EdgeNetworkModel or GptModel;

    /// <summary>
    /// S[u, w] = logits at the last position of <c>[EDGE] u</c> for node token w, (n, n), from a module mapping
    /// (B, T) int64 tokens to (B, T, V) logits; <c>[EDGE]</c> = n + 7 (<see cref="PathStarVocabulary"/>).
    /// </summary>
    public static ScoreMatrix EdgePromptScores(Module<Tensor, Tensor> module, int nodeCount)
    {
        int edgeToken = new PathStarVocabulary(nodeCount).EdgeToken;
        var scores = new float[nodeCount * nodeCount];
        using var noGrad = no_grad();
        for (int start = 0; start < nodeCount; start += ChunkRows)
        {
            int rows = Math.Min(ChunkRows, nodeCount - start);
            var tokens = new long[rows * 2];
            for (int i = 0; i < rows; i++)
            {
                tokens[2 * i] = edgeToken;
                tokens[(2 * i) + 1] = start + i;
            }

            using DisposeScope scope = NewDisposeScope();
            Tensor logits = module.call(tensor(tokens, new long[] { rows, 2 })); // (rows, 2, V)
            Tensor last = logits.select(1, 1).narrow(1, 0, nodeCount).to(ScalarType.Float32).contiguous(); // (rows, n)
            last.CopyTo<float>(scores.AsSpan(start * nodeCount, rows * nodeCount));
        }

        return new ScoreMatrix(scores, nodeCount, excludesSelf: false);
    }

    /// <summary>The edge network's bilinear part: logits e_w . (W_fc e_u + b) = e_u^T W_fc^T e_w + b . e_w, so W = W_fc^T.</summary>
    public static double[] BilinearOf(EdgeNetworkModel model)
    {
        using var noGrad = no_grad();
        using Tensor wt = model.fc.weight.detach().transpose(0, 1).to(ScalarType.Float64).contiguous();
        return wt.data<double>();
    }

    /// <summary>Greedy decoding: (prompt, maxNew) -&gt; the maxNew tokens after the prompt.</summary>
    public static Func<long[], int, long[]> GreedyGenerator(GptModel model) => (prompt, maxNew) =>
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor seq = model.generate(tensor(prompt, new long[] { 1, prompt.Length }), maxNew, greedy: true); // (1, T + maxNew)
        return seq.narrow(1, prompt.Length, maxNew).contiguous().data<long>();
    };
}
