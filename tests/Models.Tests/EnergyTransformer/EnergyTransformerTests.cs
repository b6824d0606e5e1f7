using Trainer.Models.Core;
using Trainer.Models.EnergyTransformer;
using Trainer.Models.Tests.Gpt;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.EnergyTransformer;

/// <summary>
/// The energy transformer against slow references (one forward per candidate and prefix), the Langevin update rule,
/// the contrastive-divergence loss, shapes and printing.
/// </summary>
public sealed class EnergyTransformerTests
{
    private static readonly EnergyTransformerConfig s_small = new()
    {
        BlockSize = 8, NLayer = 2, NHead = 2, NEmbd = 16, NegativesPerReal = 2, LangevinSteps = 3, NoiseScale = 0.5,
    };

    [Fact]
    public void Joint_energies_equal_scoring_each_candidate_after_its_real_prefix_one_at_a_time()
    {
        manual_seed(1);
        using var model = new EnergyTransformerModel(s_small);
        using Tensor real = randn(3, 5, 2);
        using Tensor cand = randn(3, 2, 5, 2) * 4;

        var (eReal, eCand) = model.JointEnergies(real, cand);
        using Tensor direct = model.forward(real);

        Assert.Equal(new long[] { 3, 5 }, eReal.shape);
        Assert.Equal(new long[] { 3, 2, 5 }, eCand.shape);
        TensorAssert.Close(direct, eReal, 1e-5, "real energies");
        for (long m = 0; m < 2; m++)
        {
            for (long t = 0; t < 5; t++)
            {
                using DisposeScope scope = NewDisposeScope();
                Tensor seq = cat(new[] { real.narrow(1, 0, t), cand.select(1, m).narrow(1, t, 1) }, 1); // (B, t + 1, 2)
                Tensor expected = model.forward(seq).select(1, t); // (B)
                TensorAssert.Close(expected, eCand.select(1, m).select(1, t), 1e-5, $"candidate m={m} t={t}");
            }
        }

        eReal.Dispose();
        eCand.Dispose();
    }

    [Fact]
    public void Energy_after_a_context_equals_appending_each_query_to_it()
    {
        manual_seed(2);
        using var model = new EnergyTransformerModel(s_small);
        using Tensor context = randn(2, 4, 2);
        using Tensor queries = randn(2, 3, 2);

        using Tensor e = model.EnergyAfter(context, queries); // (2, 3)

        for (long g = 0; g < 3; g++)
        {
            using DisposeScope scope = NewDisposeScope();
            Tensor seq = cat(new[] { context, queries.narrow(1, g, 1) }, 1); // (2, 5, 2)
            TensorAssert.Close(model.forward(seq).select(1, 4), e.select(1, g), 1e-5, $"query {g}");
        }
    }

    [Fact]
    public void A_Langevin_step_adds_noise_then_descends_the_clamped_energy_gradient()
    {
        manual_seed(3);
        var config = s_small with { LangevinSteps = 1, NoiseScale = 0.3, GradClip = 1e-3 };
        using var model = new EnergyTransformerModel(config);
        using Tensor real = randn(2, 4, 2);
        using Tensor start = randn(2, 2, 4, 2);

        manual_seed(99);
        using Tensor noise = randn(2, 2, 4, 2);
        using Tensor noisy = (start + noise * 0.3).detach().requires_grad_();
        var (_, e) = model.JointEnergies(real, noisy);
        using Tensor g = autograd.grad(e.sum(), noisy);
        using Tensor expected = noisy.detach() - g.clamp(-1e-3, 1e-3) * 0.15;

        manual_seed(99);
        using Tensor actual = model.SampleLangevin(real, start);

        TensorAssert.Close(expected, actual, 1e-6, "one Langevin step");
        using Tensor moved = actual - noisy.detach();
        Assert.True(TensorAssert.MaxAbs(moved) <= 0.15 * 1e-3 + 1e-7, "the gradient was not clamped");
        Assert.False(actual.requires_grad);
    }

    [Fact]
    public void Sampling_works_under_no_grad_and_leaves_parameter_gradients_alone()
    {
        manual_seed(4);
        using var model = new EnergyTransformerModel(s_small);
        using Tensor real = randn(2, 6, 2);
        using Tensor start = randn(2, 2, 6, 2);
        using (no_grad())
        {
            using Tensor samples = model.SampleLangevin(real, start);
            Assert.Equal(start.shape, samples.shape);
            Assert.False(samples.equal(start));
        }

        Assert.All(model.parameters(), p => Assert.Null(p.grad));
    }

    [Fact]
    public void The_loss_is_the_contrastive_divergence_with_the_energy_regulariser()
    {
        manual_seed(5);
        var config = s_small with { LangevinSteps = 0, EnergyRegularization = 0.1 };
        using var model = new EnergyTransformerModel(config);
        using Tensor real = randn(3, 4, 2);
        using Tensor init = randn(3, 2, 4, 2) * 3;
        using var batch = new Batch(real.alias(), null, new Dictionary<string, Tensor> { [EnergyTransformerModel.InitialKey] = init.alias() });

        using Tensor loss = model.Loss(batch);
        IReadOnlyDictionary<string, double> m = model.Evaluate(batch);

        // With zero Langevin steps the negatives are the given starts; score them one prefix at a time.
        double[] eReal = model.forward(real).data<float>().Select(x => (double)x).ToArray();
        var eSampled = new List<double>();
        for (long t = 0; t < 4; t++)
        {
            for (long k = 0; k < 2; k++)
            {
                using DisposeScope scope = NewDisposeScope();
                Tensor seq = cat(new[] { real.narrow(1, 0, t), init.select(1, k).narrow(1, t, 1) }, 1);
                eSampled.AddRange(model.forward(seq).select(1, t).data<float>().Select(x => (double)x));
            }
        }

        double expected = eReal.Average() - eSampled.Average() + 0.1 * (eReal.Select(x => x * x).Average() + eSampled.Select(x => x * x).Average());
        Assert.Equal(expected, loss.item<float>(), 4);
        Assert.Equal(expected, m["loss"], 4);
        Assert.Equal(eReal.Average(), m["energy_real"], 4);
        Assert.Equal(eSampled.Average(), m["energy_sampled"], 4);
        Assert.Equal(m["energy_sampled"] - m["energy_real"], m["energy_gap"], 9);
    }

    [Fact]
    public void The_energy_landscape_puts_x_along_columns_and_y_along_rows()
    {
        manual_seed(6);
        using var model = new EnergyTransformerModel(s_small);
        using Tensor context = randn(3, 2);

        using Tensor grid = model.EnergyLandscape(context, -2, 2, 5); // (5, 5), lin = -2 -1 0 1 2
        using Tensor query = tensor(new float[] { 1, -2 }, new long[] { 1, 1, 2 }); // x = lin[3], y = lin[0]
        using Tensor ctx = context.unsqueeze(0);
        using Tensor e = model.EnergyAfter(ctx, query);

        Assert.Equal(new long[] { 5, 5 }, grid.shape);
        Assert.Equal(e.item<float>(), grid[0, 3].item<float>(), 5);
    }

    [Fact]
    public void Names_shapes_ToString_and_limits()
    {
        manual_seed(7);
        using var model = new EnergyTransformerModel(s_small);
        var names = model.named_parameters().Select(p => p.name).ToList();
        string s = model.ToString();

        Assert.Equal("in_layer.weight", names[0]);
        Assert.Contains("wpe.weight", names);
        Assert.Contains("h.1.attn.c_attn.weight", names);
        Assert.Contains("ln_f.weight", names);
        Assert.Equal("out_layer.bias", names[^1]);
        Assert.StartsWith("EnergyTransformerModel(", s, StringComparison.Ordinal);
        Assert.Contains("data_dim=2, negatives_per_real=2, langevin_steps=3, noise_scale=0.5", s);
        Assert.Contains("(in_layer): Linear(in_features=2, out_features=16, bias=True)", s);
        Assert.Contains("(out_layer): Linear(in_features=16, out_features=1, bias=True)", s);
        using Tensor tooLong = zeros(1, 9, 2);
        Assert.Throws<ArgumentException>(() => model.forward(tooLong));
        var e = Assert.Throws<ArgumentException>(() => new EnergyTransformerModel(s_small with { NegativesPerReal = 0 }));
        Assert.StartsWith("negatives_per_real", e.Message, StringComparison.Ordinal);
    }
}
