using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.EnergyTransformer;

// Langevin sampling of negatives and energy landscapes for plots.
public sealed partial class EnergyTransformerModel
{
    /// <summary>
    /// Langevin chains from <paramref name="initial"/> (B, M, T, d), each point conditioned on the real prefix before its
    /// position (real (B, T, d)). Each of langevin_steps steps, with s = noise_scale:
    /// <code>
    ///   x &lt;- x + s N(0, I);   g = clamp(grad_x E(x | real_&lt;t), -clip, clip);   x &lt;- x - (s / 2) g
    /// </code>
    /// Gradients come from torch.autograd.grad (the parameters' .grad are untouched; works inside no_grad too).
    /// Returns the final points, detached, (B, M, T, d).
    /// </summary>
    public Tensor SampleLangevin(Tensor real, Tensor initial)
    {
        using var grad = enable_grad();
        using DisposeScope outer = NewDisposeScope();
        Tensor r = real.detach();
        Tensor x = initial.detach();
        double s = Config.NoiseScale;
        for (int step = 0; step < Config.LangevinSteps; step++)
        {
            using DisposeScope scope = NewDisposeScope();
            Tensor noisy = (x + randn_like(x) * s).detach().requires_grad_(); // (B, M, T, d)
            var (_, e) = JointEnergies(r, noisy); // (B, M, T)
            Tensor g = autograd.grad(e.sum(), noisy).clamp(-Config.GradClip, Config.GradClip);
            x = scope.MoveToOuter((noisy - g * (s / 2)).detach());
        }

        return outer.MoveToOuter(x.alias());
    }

    /// <summary>
    /// The energy landscape after a context, for plots: an n x n grid over [low, high]^2 (first two coordinates; the
    /// model must have data_dim 2) with E[i, j] = E((lin[j], lin[i]) | context), i.e. x along columns and y along rows
    /// (numpy's "xy" meshgrid). context (Tc, 2) or (1, Tc, 2) -> (n, n), without gradients.
    /// </summary>
    public Tensor EnergyLandscape(Tensor context, double low, double high, int n)
    {
        if (Config.DataDim != 2)
        {
            throw new InvalidOperationException($"energy landscapes need data_dim 2, the model has {Config.DataDim}");
        }

        using var noGrad = no_grad();
        using DisposeScope scope = NewDisposeScope();
        Tensor ctx = context.ndim == 2 ? context.unsqueeze(0) : context; // (1, Tc, 2)
        Tensor lin = linspace(low, high, n); // (n)
        Tensor xs = lin.unsqueeze(0).expand(n, n); // (n, n): x varies along columns
        Tensor ys = lin.unsqueeze(1).expand(n, n); // (n, n): y varies along rows
        Tensor points = stack(new[] { xs, ys }, -1).reshape(1, n * n, 2); // (1, n^2, 2)
        var chunks = new List<Tensor>();
        const long chunk = 1024;
        for (long start = 0; start < n * n; start += chunk)
        {
            long len = Math.Min(chunk, n * n - start);
            chunks.Add(EnergyAfter(ctx, points.narrow(1, start, len)));
        }

        return scope.MoveToOuter(cat(chunks, 1).reshape(n, n));
    }
}
