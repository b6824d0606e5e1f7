using Trainer.Data.Tasks;
using Trainer.Models.Core;
using Trainer.Models.Gpt;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.Gpt;

/// <summary>The GPT learns a tiny path-star graph: edges with AdamW, whole paths well enough to generate them greedily.</summary>
public sealed class GptTrainingTests
{
    [Theory]
    [InlineData("softmax", 1)]
    [InlineData("hopfield", 2)]
    public void Loss_goes_down_on_path_star_edges_and_every_top_prediction_is_a_neighbour(string attention, int steps)
    {
        PathStarTask task = TinyTraining.PathStar();
        var config = new GptConfig
        {
            VocabSize = task.Vocabulary.Size, BlockSize = 4, NLayer = 1, NHead = 1, NEmbd = 32,
            Attention = attention, HopfieldSteps = steps,
        };
        manual_seed(1);
        using var model = new GptModel(config, task.Graph.NodeCount);
        var (inputs, targets) = TinyTraining.Encode(task.EdgeExamples, task.Vocabulary.Pad);
        using var batch = new Batch(inputs, targets);

        List<double> losses = TinyTraining.Train(model, batch, steps: 80, lr: 1e-2);

        Assert.True(losses[^1] < 0.5 * losses[0], $"loss {losses[0]:F3} -> {losses[^1]:F3}");
        model.eval();
        using Tensor logits = model.forward(inputs); // (N, 2, V)
        long[] top = logits.select(1, 1).argmax(-1).data<long>();
        var neighbours = task.EdgeExamples.GroupBy(e => e.Prompt[1]).ToDictionary(g => g.Key, g => g.Select(e => e.Target[0]).ToHashSet());
        for (int i = 0; i < top.Length; i++)
        {
            int u = task.EdgeExamples[i].Prompt[1];
            Assert.True(neighbours[u].Contains((int)top[i]), $"top prediction {top[i]} for node {u} is not a neighbour");
        }
    }

    [Fact]
    public void Greedy_generation_reproduces_memorised_paths()
    {
        PathStarTask task = TinyTraining.PathStar();
        var config = new GptConfig { VocabSize = task.Vocabulary.Size, BlockSize = 8, NLayer = 2, NHead = 2, NEmbd = 32 };
        manual_seed(2);
        using var model = new GptModel(config, task.Graph.NodeCount);
        var (inputs, targets) = TinyTraining.Encode(task.TrainExamples, task.Vocabulary.Pad);
        using var batch = new Batch(inputs, targets);

        List<double> losses = TinyTraining.Train(model, batch, steps: 100, lr: 1e-2);

        model.eval();
        Assert.Equal(1.0, model.Evaluate(batch)["seq_acc"]);
        foreach (TokenExample e in task.TrainExamples)
        {
            using Tensor prompt = tensor(e.Prompt.Select(t => (long)t).ToArray(), new long[] { 1, e.Prompt.Length });
            using Tensor output = model.generate(prompt, e.Target.Length, greedy: true);
            long[] generated = output.data<long>()[e.Prompt.Length..];
            Assert.Equal(e.Target.Select(t => (long)t), generated);
        }

        Assert.True(losses[^1] < 0.05, $"final loss {losses[^1]}");
    }

    [Fact]
    public void Sampling_with_top_k_one_is_greedy_decoding()
    {
        manual_seed(8);
        using var model = new GptModel(new GptConfig { VocabSize = 31, BlockSize = 6, NLayer = 1, NHead = 2, NEmbd = 16 });
        model.eval();
        using Tensor prompt = tensor(new long[] { 3, 1, 4, 1, 5, 9 }, new long[] { 2, 3 });

        using Tensor greedy = model.generate(prompt, 8, greedy: true); // runs past block_size: the context is cropped
        using Tensor topOne = model.generate(prompt, 8, temperature: 0.7, top_k: 1);

        Assert.Equal(new long[] { 2, 11 }, greedy.shape);
        Assert.True(greedy.equal(topOne));
        using Tensor head = greedy.narrow(1, 0, 3);
        Assert.True(head.equal(prompt));
    }

    [Fact]
    public void Sampling_draws_only_from_the_top_k_tokens()
    {
        manual_seed(9);
        using var model = new GptModel(new GptConfig { VocabSize = 40, BlockSize = 4, NLayer = 1, NHead = 1, NEmbd = 8, EmbeddingInit = "normal_1" });
        model.eval();
        using Tensor prompt = tensor(new long[] { 7 }, new long[] { 1, 1 });
        using Tensor logits = model.forward(prompt);
        var (_, allowed) = logits.select(1, 0).topk(3);
        var allowedSet = allowed.data<long>().ToHashSet();

        using Tensor many = prompt.expand(200, 1).contiguous();
        using Tensor drawn = model.generate(many, 1, temperature: 5.0, top_k: 3);
        var seen = drawn.select(1, 1).data<long>().ToHashSet();

        Assert.Subset(allowedSet, seen);
        Assert.True(seen.Count >= 2, "a hot temperature should draw more than one of the top 3 tokens");
    }
}
