using Trainer.Data.Tasks;
using Trainer.Models.Core;
using Trainer.Models.EdgeNetwork;
using Trainer.Models.Tests.Gpt;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.EdgeNetwork;

/// <summary>The edge-memorisation network logits(u) = E (W e_u + b): closed form, training, the frozen control, shapes.</summary>
public sealed class EdgeNetworkTests
{
    private static readonly EdgeNetworkConfig s_small = new() { VocabSize = 19, NEmbd = 8 };

    [Fact]
    public void Logits_equal_E_times_W_e_u_plus_b_computed_by_hand()
    {
        manual_seed(1);
        using var model = new EdgeNetworkModel(s_small with { Init = "normal_1" });
        using (no_grad())
        {
            nn.init.normal_(model.fc.bias!, 0, 0.5); // a non-zero b, so the test sees it
        }

        float[] e = model.wte.weight.data<float>(); // (19, 8)
        float[] w = model.fc.weight.data<float>(); // (8, 8)
        float[] b = model.fc.bias!.data<float>(); // (8)
        using Tensor ids = tensor(new long[] { 0, 5, 18 });
        using Tensor logits = model.forward(ids);
        float[] got = logits.data<float>();

        Assert.Equal(new long[] { 3, 19 }, logits.shape);
        long[] us = { 0, 5, 18 };
        for (int r = 0; r < 3; r++)
        {
            var h = new double[8];
            for (int i = 0; i < 8; i++)
            {
                h[i] = b[i];
                for (int j = 0; j < 8; j++)
                {
                    h[i] += w[i * 8 + j] * e[us[r] * 8 + j];
                }
            }

            for (int v = 0; v < 19; v++)
            {
                double expected = 0;
                for (int i = 0; i < 8; i++)
                {
                    expected += e[v * 8 + i] * h[i];
                }

                Assert.Equal(expected, got[r * 19 + v], 4);
            }
        }
    }

    [Fact]
    public void The_edge_prompt_gives_u_the_same_logits_as_u_alone()
    {
        manual_seed(2);
        using var model = new EdgeNetworkModel(s_small);
        using Tensor prompts = tensor(new long[] { 17, 3, 17, 9 }, new long[] { 2, 2 }); // [EDGE] 3, [EDGE] 9
        using Tensor alone = tensor(new long[] { 3, 9 });
        using Tensor a = model.forward(prompts); // (2, 2, V)
        using Tensor b = model.forward(alone); // (2, V)
        using Tensor atU = a.select(1, 1);

        Assert.Equal(new long[] { 2, 2, 19 }, a.shape);
        Assert.True(TensorAssert.MaxAbsDiff(atU, b) <= 1e-6); // equal up to BLAS summation order
    }

    [Fact]
    public void Loss_goes_down_with_AdamW_and_every_node_predicts_a_neighbour()
    {
        PathStarTask task = TinyTraining.PathStar();
        manual_seed(3);
        using var model = new EdgeNetworkModel(new EdgeNetworkConfig { VocabSize = task.Vocabulary.Size, NEmbd = 32 }, task.Graph.NodeCount);
        var (inputs, targets) = TinyTraining.Encode(task.EdgeExamples, task.Vocabulary.Pad); // [EDGE] u -> v
        using var batch = new Batch(inputs, targets);

        List<double> losses = TinyTraining.Train(model, batch, steps: 150, lr: 1e-2);

        Assert.True(losses[^1] < 0.5 * losses[0], $"loss {losses[0]:F3} -> {losses[^1]:F3}");
        AssertTopPredictionsAreNeighbours(model, task);
    }

    [Fact]
    public void Frozen_embeddings_stay_unchanged_while_W_and_b_learn()
    {
        PathStarTask task = TinyTraining.PathStar();
        manual_seed(4);
        var config = new EdgeNetworkConfig { VocabSize = task.Vocabulary.Size, NEmbd = 32, FrozenEmbeddings = true };
        using var model = new EdgeNetworkModel(config, task.Graph.NodeCount);
        using Tensor before = model.wte.weight.detach().clone();
        using Tensor wBefore = model.fc.weight.detach().clone();
        long[] sources = task.EdgeExamples.Select(e => (long)e.Prompt[1]).ToArray();
        long[] neighbours = task.EdgeExamples.Select(e => (long)e.Target[0]).ToArray();
        using var batch = new Batch(tensor(sources), tensor(neighbours)); // node ids (B) -> neighbour (B)

        List<double> losses = TinyTraining.Train(model, batch, steps: 150, lr: 0.2);

        Assert.False(model.wte.weight.requires_grad);
        Assert.True(model.wte.weight.equal(before), "frozen embeddings moved");
        Assert.False(model.fc.weight.equal(wBefore), "W did not learn");
        Assert.True(losses[^1] < losses[0] - 0.3, $"loss {losses[0]:F3} -> {losses[^1]:F3}");
        using Tensor std = before.std();
        Assert.InRange(std.item<float>(), 0.018, 0.022); // the associative control's N(0, 0.02^2) table
    }

    [Fact]
    public void Evaluate_reports_loss_and_top1_accuracy()
    {
        manual_seed(5);
        using var model = new EdgeNetworkModel(s_small);
        using Tensor ids = tensor(new long[] { 0, 1, 2, 3, 4, 5 });
        using Tensor logits = model.forward(ids);
        long[] argmax = logits.argmax(-1).data<long>();
        long[] target = { argmax[0], argmax[1], (argmax[2] + 1) % 19, -1, argmax[4], (argmax[5] + 2) % 19 };
        using var batch = new Batch(ids.alias(), tensor(target));

        IReadOnlyDictionary<string, double> m = model.Evaluate(batch);
        using Tensor loss = model.Loss(batch);

        Assert.Equal(3.0 / 5, m["acc"], 12);
        Assert.Equal(loss.item<float>(), m["loss"], 5);
    }

    [Fact]
    public void Names_shapes_ToString_and_node_embeddings()
    {
        manual_seed(6);
        using var model = new EdgeNetworkModel(s_small with { FrozenEmbeddings = true }, nodeCount: 10);
        var names = model.named_parameters().Select(p => p.name).ToList();
        using Tensor nodes = model.NodeEmbeddings();
        using Tensor rows = model.wte.weight.narrow(0, 0, 10);
        string s = model.ToString();

        Assert.Equal(new[] { "wte.weight", "fc.weight", "fc.bias" }, names);
        Assert.Equal(19 * 8 + 8 * 8 + 8, model.num_parameters());
        Assert.True(nodes.equal(rows));
        Assert.Equal(new long[] { 10, 8 }, nodes.shape);
        Assert.StartsWith("EdgeNetworkModel(", s, StringComparison.Ordinal);
        Assert.Contains("vocab_size=19, n_embd=8, frozen_embeddings=True, init=normal_0.02", s);
        Assert.Contains("(wte): Embedding(19, 8)", s);
        Assert.Contains("(fc): Linear(in_features=8, out_features=8, bias=True)", s);
        var e = Assert.Throws<ArgumentException>(() => new EdgeNetworkModel(s_small with { Init = "zeros" }));
        Assert.StartsWith("init", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_round_trip_through_a_safetensors_checkpoint()
    {
        manual_seed(7);
        using var a = new EdgeNetworkModel(s_small);
        using var b = new EdgeNetworkModel(s_small);
        using var dir = new TempFolder();
        save(a.state_dict(), dir.File("edge.safetensors"));
        b.load_state_dict(load(dir.File("edge.safetensors")));
        using Tensor ids = tensor(new long[] { 4, 2 });
        using Tensor la = a.forward(ids);
        using Tensor lb = b.forward(ids);
        Assert.True(la.equal(lb));
    }

    private static void AssertTopPredictionsAreNeighbours(EdgeNetworkModel model, PathStarTask task)
    {
        var neighbours = task.EdgeExamples.GroupBy(e => e.Prompt[1]).ToDictionary(g => g.Key, g => g.Select(e => e.Target[0]).ToHashSet());
        long[] nodes = neighbours.Keys.Select(u => (long)u).ToArray();
        using Tensor logits = model.forward(tensor(nodes));
        long[] top = logits.argmax(-1).data<long>();
        for (int i = 0; i < nodes.Length; i++)
        {
            Assert.True(neighbours[(int)nodes[i]].Contains((int)top[i]), $"top prediction {top[i]} for node {nodes[i]} is not a neighbour");
        }
    }
}
