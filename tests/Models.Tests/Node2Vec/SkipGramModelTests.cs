using Trainer.Data.Walks;
using Trainer.Models.Core;
using Trainer.Models.Node2Vec;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.Node2Vec;

public sealed class SkipGramModelTests
{
    [Fact]
    public void Loss_equals_the_negative_sampling_formula_computed_by_hand()
    {
        manual_seed(3);
        using var model = new SkipGramModel(new SkipGramConfig { NodeCount = 6, Dim = 5, Negatives = 2, Init = "normal", Sparse = false });
        long[] centres = [0, 3, 5];
        long[] contexts = [1, 2, 0];
        long[] negatives = [4, 5, 0, 1, 2, 2];
        using var batch = new Batch(tensor(centres), tensor(contexts), new Dictionary<string, Tensor> { ["negatives"] = tensor(negatives, [3, 2]) });
        float[] w = model.input.weight.data<float>();
        float[] c = model.output!.weight.data<float>();

        double expected = 0;
        for (int b = 0; b < 3; b++)
        {
            expected -= LogSigmoid(Dot(w, c, centres[b], contexts[b], 5));
            for (int j = 0; j < 2; j++)
            {
                expected -= LogSigmoid(-Dot(w, c, centres[b], negatives[2 * b + j], 5));
            }
        }

        expected /= 3;
        using Tensor loss = model.Loss(batch);
        Assert.Equal(expected, loss.item<float>(), 4);
    }

    [Fact]
    public void Sgd_kernel_takes_the_same_steps_as_autograd_sgd_on_the_pair_loss()
    {
        // Walk [0, 1] with window 1 gives the pairs (0, 1) then (1, 0); every negative is node 2 (its law puts all
        // mass there). word2vec's update is a plain SGD step on each pair's loss, in order, with rate alpha.
        const double alpha = 0.05;
        var config = new SkipGramConfig { NodeCount = 3, Dim = 10, Negatives = 1, Init = "normal", Sparse = false };
        manual_seed(5);
        using var kernel = new SkipGramModel(config);
        using var reference = new SkipGramModel(config);
        reference.load_state_dict(kernel.state_dict());

        var sampler = new NegativeSampler(new long[] { 0, 0, 1 });
        SkipGramCorpus corpus = SkipGramCorpus.FromWalks(3, [0, 1], walkLength: 2, window: 1, sampler);
        var result = SkipGramSgd.Train(kernel, corpus, new SkipGramSgdOptions { Alpha = alpha, MinAlpha = alpha, ReducedWindow = false, Threads = 1 });
        Assert.Equal(2, result.Pairs);

        using var sgd = optim.SGD(reference.parameters(), alpha);
        foreach (var (centre, context) in new[] { (0L, 1L), (1L, 0L) })
        {
            using var batch = new Batch(tensor(new[] { centre }), tensor(new[] { context }),
                new Dictionary<string, Tensor> { ["negatives"] = tensor(new[] { 2L }, [1, 1]) });
            sgd.zero_grad();
            using Tensor loss = reference.Loss(batch);
            loss.backward();
            sgd.step();
        }

        AssertClose(reference.input.weight, kernel.input.weight, 1e-6);
        AssertClose(reference.output!.weight, kernel.output!.weight, 1e-6);
    }

    [Fact]
    public void Batched_training_with_sparse_adam_lowers_the_loss()
    {
        manual_seed(1);
        SkipGramCorpus corpus = SkipGramCorpus.FromGraph(Node2VecFixtures.Karate(), new WalkOptions { WalksPerNode = 5, WalkLength = 10, Window = 3, Threads = 1 }, 7);
        using var model = new SkipGramModel(new SkipGramConfig { NodeCount = 34, Dim = 16 });
        var batches = new SkipGramBatches(corpus.Pairs(), corpus.Sampler, 5, 256, 7);
        double before = model.Evaluate(batches.Validation().Single())["loss"];
        var result = SkipGramTrainer.Train(model, batches, new SkipGramTrainOptions { Optimizer = "sparse_adam", Lr = 0.02, Epochs = 3, LogEvery = 10 });
        Assert.True(result.Losses[^1] < result.Losses[0] - 0.5, $"loss {result.Losses[0]:F3} -> {result.Losses[^1]:F3}");
        Assert.Equal(3 * batches.PairCount, result.Pairs);
        double after = model.Evaluate(batches.Validation().Single())["loss"];
        Assert.Equal(6 * Math.Log(2), before, 3); // output table 0: every score 0, each term log 2
        Assert.True(after < before - 1, $"validation loss {before:F3} -> {after:F3}");
    }

    [Fact]
    public void Sgd_kernel_loss_goes_down_over_epochs()
    {
        SkipGramCorpus corpus = SkipGramCorpus.FromGraph(Node2VecFixtures.Karate(), new WalkOptions { WalksPerNode = 10, WalkLength = 20, Threads = 1 }, 3);
        using var model = new SkipGramModel(new SkipGramConfig { NodeCount = 34, Dim = 16 });
        var result = SkipGramSgd.Train(model, corpus, new SkipGramSgdOptions { Epochs = 4, Threads = 2 });
        Assert.Equal(4, result.Losses.Count);
        // At the word2vec init every score is 0, so the loss starts at 6 log 2 (1 positive + 5 negatives).
        Assert.True(result.Losses[0] < 6 * Math.Log(2) - 1, string.Join(", ", result.Losses));
        Assert.True(result.Losses[^1] < result.Losses[0], string.Join(", ", result.Losses));
        Assert.True(result.PairsPerSecond > 0);
    }

    [Fact]
    public void Word2vec_init_draws_input_uniform_and_output_zero()
    {
        using var model = new SkipGramModel(new SkipGramConfig { NodeCount = 500, Dim = 20 });
        float[] w = model.input.weight.data<float>();
        Assert.All(w, v => Assert.InRange(v, -0.5f / 20, 0.5f / 20));
        Assert.InRange(w.Select(v => (double)v * v).Average(), 0.8 * Math.Pow(0.5 / 20, 2) / 3, 1.2 * Math.Pow(0.5 / 20, 2) / 3);
        Assert.All(model.output!.weight.data<float>(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Model_prints_its_tables_exports_n_by_d_embeddings_and_round_trips()
    {
        using var model = new SkipGramModel(new SkipGramConfig { NodeCount = 34, Dim = 16 });
        string text = model.ToString();
        Assert.Contains("(input): Embedding(34, 16, sparse=True)", text, StringComparison.Ordinal);
        Assert.Contains("(output): Embedding(34, 16, sparse=True)", text, StringComparison.Ordinal);
        Assert.Contains("shared_table=False", text, StringComparison.Ordinal);
        using Tensor e = model.NodeEmbeddings();
        Assert.Equal(new long[] { 34, 16 }, e.shape);
        Assert.False(e.requires_grad);

        using var shared = new SkipGramModel(new SkipGramConfig { NodeCount = 5, Dim = 4, SharedTable = true, Sparse = false });
        Assert.Null(shared.output);
        Assert.Equal(new[] { "input.weight" }, shared.state_dict().Keys.ToArray());

        string path = Path.Combine(Path.GetTempPath(), $"n2v-{Guid.NewGuid():N}.safetensors");
        try
        {
            using (no_grad())
            {
                nn.init.normal_(model.output!.weight);
            }

            model.Save(path);
            using var loaded = new SkipGramModel(model.Config);
            loaded.Load(path);
            Assert.Equal(model.output!.weight.data<float>(), loaded.output!.weight.data<float>());
            Assert.Equal(model.input.weight.data<float>(), loaded.input.weight.data<float>());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Invalid_settings_are_refused_with_the_key_named()
    {
        Assert.Contains("dim", Assert.Throws<ArgumentException>(() => new SkipGramConfig { Dim = 0 }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("init", Assert.Throws<ArgumentException>(() => new SkipGramConfig { Init = "xavier" }.Validate()).Message, StringComparison.Ordinal);
        var dense = new SkipGramConfig { Sparse = false };
        Assert.Contains("sparse", Assert.Throws<ArgumentException>(() => new SkipGramTrainOptions { Optimizer = "sparse_adam" }.Validate(dense)).Message, StringComparison.Ordinal);
    }

    private static double Dot(float[] w, float[] c, long u, long v, int d)
    {
        double s = 0;
        for (int k = 0; k < d; k++)
        {
            s += (double)w[u * d + k] * c[v * d + k];
        }

        return s;
    }

    private static double LogSigmoid(double t) => -Math.Log(1 + Math.Exp(-t));

    private static void AssertClose(Tensor expected, Tensor actual, double tol)
    {
        float[] e = expected.data<float>(), a = actual.data<float>();
        Assert.Equal(e.Length, a.Length);
        double max = e.Zip(a, (x, y) => Math.Abs((double)x - y)).Max();
        Assert.True(max <= tol, $"max |difference| {max:E2} > {tol:E0}");
    }
}
