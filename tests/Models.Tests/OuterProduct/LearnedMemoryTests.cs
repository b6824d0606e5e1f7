using Trainer.Models.Core;
using Trainer.Models.OuterProduct;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.OuterProduct;

public sealed class LearnedMemoryTests
{
    [Fact]
    public void Adam_with_zero_betas_lowers_the_error_on_a_tiny_setting()
    {
        manual_seed(42);
        const int n = 50, m = 5, samples = 10_240;
        double[] p = MemoryTheory.Zipf(n, 2);
        int[] x = Draw(p, samples, 1);
        using var model = new LearnedMemory(new LearnedMemoryConfig { Inputs = n, Classes = m, Dim = 20 });
        double before = model.Error(p).Error;
        using var adam = model.MakeOptimizer("adam", lr: 1);
        double[] losses = AssociationBatches.TrainOnePass(model, new AssociationBatches(x, n, m, 64), adam);
        MemoryError after = model.Error(p);
        Assert.Equal(samples / 64, losses.Length);
        Assert.True(after.Error < 0.5 * before && after.Error < 0.2, $"error {before:F3} -> {after.Error:F3}");
        Assert.True(losses.TakeLast(20).Average() < losses.Take(20).Average(), "loss goes down");
    }

    [Fact]
    public void Sgd_lowers_the_loss_of_every_model_kind_with_and_without_row_normalisation()
    {
        double[] p = MemoryTheory.Zipf(30, 1.5);
        int[] x = Draw(p, 4096, 2);
        foreach (string kind in LearnedMemoryConfig.Models)
        {
            foreach (bool ln in new[] { false, true })
            {
                manual_seed(1);
                using var model = new LearnedMemory(new LearnedMemoryConfig { Inputs = 30, Classes = 3, Dim = 16, Model = kind, LayerNorm = ln });
                using var sgd = model.MakeOptimizer("sgd", lr: ln ? 5 : 1);
                double[] losses = AssociationBatches.TrainOnePass(model, new AssociationBatches(x, 30, 3, 32), sgd);
                Assert.True(losses.TakeLast(16).Average() < 0.8 * losses.Take(16).Average(), $"{kind}, ln {ln}: {losses.Take(16).Average():F3} -> {losses.TakeLast(16).Average():F3}");
            }
        }
    }

    [Fact]
    public void Logits_follow_the_formula_with_and_without_row_normalisation()
    {
        manual_seed(3);
        foreach (bool ln in new[] { false, true })
        {
            using var model = new LearnedMemory(new LearnedMemoryConfig { Inputs = 7, Classes = 3, Dim = 4, LayerNorm = ln });
            float[] e = model.Embeddings.data<float>(), w = model.W!.data<float>(), ut = model.Unembeddings.data<float>();
            using Tensor logits = model.Forward(tensor(new long[] { 2, 5 }));
            float[] got = logits.data<float>();
            for (int b = 0; b < 2; b++)
            {
                int xi = b == 0 ? 2 : 5;
                var h = new double[4];
                for (int j = 0; j < 4; j++)
                {
                    for (int i = 0; i < 4; i++)
                    {
                        h[j] += e[xi * 4 + i] * w[i * 4 + j];
                    }
                }

                double norm = ln ? Math.Sqrt(h.Sum(v => v * v) + 1e-6) : 1;
                for (int y = 0; y < 3; y++)
                {
                    double expected = Enumerable.Range(0, 4).Sum(j => h[j] / norm * ut[j * 3 + y]);
                    Assert.Equal(expected, got[b * 3 + y], 5);
                }
            }
        }
    }

    [Fact]
    public void Adam_with_zero_betas_moves_each_weight_by_about_lr_over_d()
    {
        manual_seed(5);
        using var model = new LearnedMemory(new LearnedMemoryConfig { Inputs = 20, Classes = 4, Dim = 8, Model = "learnable" });
        float[] w0 = model.W!.data<float>(), e0 = model.E!.data<float>();
        using var adam = model.MakeOptimizer("adam", lr: 0.8);
        using var batch = new Batch(arange(20, ScalarType.Int64), arange(20, ScalarType.Int64).remainder(4));
        adam.zero_grad();
        using (Tensor loss = model.Loss(batch))
        {
            loss.backward();
        }

        adam.step();
        // beta1 = beta2 = 0: the step is lr * g / (|g| + eps), i.e. lr in magnitude where |g| >> eps.
        float[] w1 = model.W!.data<float>(), e1 = model.E!.data<float>();
        Assert.All(w0.Zip(w1), t => Assert.Equal(0.8 / 8, Math.Abs(t.Second - t.First), 3));
        Assert.All(e0.Zip(e1), t => Assert.Equal(0.8 / Math.Sqrt(8), Math.Abs(t.Second - t.First), 3));
    }

    [Fact]
    public void Models_print_their_settings_and_save_the_authors_tensor_names()
    {
        using var matrix = new LearnedMemory(new LearnedMemoryConfig());
        using var exponential = new LearnedMemory(new LearnedMemoryConfig { Model = "exponential" });
        using var learnable = new LearnedMemory(new LearnedMemoryConfig { Model = "learnable", LayerNorm = true });
        Assert.Equal(new[] { "E", "UT", "W" }, matrix.state_dict().Keys.Order().ToArray());
        Assert.Equal(new[] { "W" }, matrix.named_parameters().Select(t => t.name).ToArray());
        Assert.Equal(new[] { "E", "UT" }, exponential.named_parameters().Select(t => t.name).Order().ToArray());
        Assert.Equal(new[] { "E", "UT", "W" }, learnable.named_parameters().Select(t => t.name).Order().ToArray());
        Assert.Equal(new long[] { 100, 10 }, matrix.Embeddings.shape);
        Assert.Equal(new long[] { 10, 5 }, matrix.Unembeddings.shape);
        Assert.Contains("LearnedMemory(inputs=100, classes=5, dim=10, model=learnable, layer_norm=True)", learnable.ToString(), StringComparison.Ordinal);
        Assert.Contains("model", Assert.Throws<ArgumentException>(() => new LearnedMemoryConfig { Model = "mlp" }.Validate()).Message, StringComparison.Ordinal);

        string path = Path.Combine(Path.GetTempPath(), $"mem-{Guid.NewGuid():N}.safetensors");
        try
        {
            save(learnable.state_dict(), path);
            using var copy = new LearnedMemory(learnable.Config);
            Dictionary<string, Tensor> state = load(path);
            copy.load_state_dict(state);
            Assert.Equal(learnable.W!.data<float>(), copy.W!.data<float>());
            Assert.Equal(learnable.E!.data<float>(), copy.E!.data<float>());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static int[] Draw(double[] p, int samples, ulong seed)
    {
        var table = new Trainer.Data.Randomness.AliasTable(p);
        var rng = new Trainer.Data.Randomness.Rng(seed);
        return Enumerable.Range(0, samples).Select(_ => table.Sample(rng)).ToArray();
    }
}
