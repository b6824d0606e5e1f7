using Trainer.Data.Patterns;
using Trainer.Models.Core;
using Trainer.Models.EnergyTransformer;
using Trainer.Torch;
using Xunit.Abstractions;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.EnergyTransformer;

/// <summary>
/// In-context learning of an energy on a tiny 2-D Gaussian mixture: the contrastive-divergence loss falls, and after
/// training the energy at the clusters of the context is lower than far from them.
/// </summary>
public sealed class EnergyTransformerTrainingTests
{
    private const int Points = 8;
    private readonly ITestOutputHelper _output;

    public EnergyTransformerTrainingTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Training_lowers_the_loss_and_the_energy_at_the_in_context_clusters()
    {
        var data = new GaussianMixtureIclConfig { Sequences = 72, Points = Points, Components = 2, MeanStd = 3, ComponentStd = 0.3 };
        var (points, _, means) = InContextDatasets.GaussianMixture(data, seed: 11);
        using Tensor all = tensor(points, new long[] { 72, Points, 2 });
        var config = new EnergyTransformerConfig
        {
            BlockSize = Points + 1, NLayer = 2, NHead = 2, NEmbd = 32, NegativesPerReal = 2, LangevinSteps = 5,
            NoiseScale = 0.3, GradClip = 10, EnergyRegularization = 1e-2, InitLow = -6, InitHigh = 6,
        };
        manual_seed(12);
        using var model = new EnergyTransformerModel(config);
        using var opt = optim.AdamW(model.parameters(), lr: 3e-3, weight_decay: 0);

        var losses = new List<double>();
        const int steps = 80, batch = 8;
        for (int step = 0; step < steps; step++)
        {
            using DisposeScope scope = NewDisposeScope();
            Tensor real = all.narrow(0, (step * batch) % 64, batch); // the first 64 sequences train
            using var b = new Batch(real.alias());
            opt.zero_grad();
            Tensor loss = model.Loss(b);
            losses.Add(loss.item<float>());
            loss.backward();
            opt.step();
        }

        double early = losses.Take(20).Average(), late = losses.Skip(steps - 20).Average();
        _output.WriteLine($"loss: first 20 steps {early:F3}, last 20 steps {late:F3}");
        Assert.True(late < early - 0.2, $"loss {early:F3} -> {late:F3}");

        // Held-out sequences 64..71: energy after the whole context, at its component means and at far points.
        model.eval();
        double atMeans = 0, far = 0;
        int n = 0;
        for (int s = 64; s < 72; s++)
        {
            using DisposeScope scope = NewDisposeScope();
            Tensor context = all.narrow(0, s, 1); // (1, T, 2)
            float[] mu = means[(s * 4)..(s * 4 + 4)];
            Tensor centres = tensor(mu, new long[] { 1, 2, 2 });
            Tensor farAway = tensor(FarPoints(mu), new long[] { 1, 4, 2 });
            using var noGrad = no_grad();
            atMeans += model.EnergyAfter(context, centres).mean().item<float>();
            far += model.EnergyAfter(context, farAway).mean().item<float>();
            n++;
        }

        _output.WriteLine($"energy at the in-context means {atMeans / n:F3}, far from them {far / n:F3}");
        Assert.True(atMeans / n < far / n - 0.5, $"energy at means {atMeans / n:F3} vs far {far / n:F3}");
    }

    /// <summary>Four points 4 units beyond the two means along the axis through them and across it.</summary>
    private static float[] FarPoints(float[] mu)
    {
        float cx = (mu[0] + mu[2]) / 2, cy = (mu[1] + mu[3]) / 2;
        float dx = mu[2] - mu[0], dy = mu[3] - mu[1];
        float len = MathF.Max(MathF.Sqrt(dx * dx + dy * dy), 1e-3f);
        float ux = dx / len, uy = dy / len; // along the means
        float half = len / 2 + 4;
        return
        [
            cx + half * ux, cy + half * uy,
            cx - half * ux, cy - half * uy,
            cx - 4 * uy, cy + 4 * ux,
            cx + 4 * uy, cy - 4 * ux,
        ];
    }
}
