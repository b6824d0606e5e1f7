using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Kernelized;

/// <summary>
/// The separation loss that U-Hop+ minimises (Hu, Wu and Liu, NeurIPS 2024; paper digest 5.2). With unit features
/// Z_mu = Phi(xi_mu) / ||Phi(xi_mu)|| (M rows) and temperature tau:
/// <code>
///   clean:  L = log( (2 / (M (M - 1))) sum_{mu &lt; nu} exp(&lt;Z_mu, Z_nu&gt; / tau) )      (log-mean-exp over pairs)
/// </code>
/// As tau -&gt; 0, tau L tends to the largest pairwise cosine, so minimising L spreads the memories towards a max-min
/// angle (Tammes) code. <c>authorsQuirk</c> reproduces the authors' <c>separation_loss</c> instead:
/// <code>
///   quirk:  L = (1/M) log( (2 / (M (M - 1))) sum_{all mu, nu} exp(triu(Z sg(Z)^T, 1)_{mu nu} / tau) )
/// </code>
/// where sg is stop-gradient (the second factor is detached) and triu zeroes the diagonal and lower triangle, whose
/// M (M + 1) / 2 entries then each add exp(0) = 1 inside the sum; gradients flow only through the first factor of
/// the upper-triangle entries.
/// </summary>
public static class SeparationLoss
{
    /// <summary>L for raw features (M, D) (normalised here), a scalar with gradient.</summary>
    public static Tensor Compute(Tensor features, double tau, bool authorsQuirk = false)
    {
        long m = features.size(0);
        if (m < 2)
        {
            throw new ArgumentException($"the separation loss needs at least two memories, got {m}");
        }

        if (!(tau > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tau), tau, "tau must be positive");
        }

        using var scope = NewDisposeScope();
        Tensor z = nn.functional.normalize(features, 2, 1);
        double pairs = m * (m - 1) / 2.0;
        Tensor loss;
        if (authorsQuirk)
        {
            Tensor inner = z.matmul(z.detach().T).triu(1);                    // (M, M), zero on and below the diagonal
            loss = ((inner / tau).exp().sum() / pairs).log() / m;
        }
        else
        {
            Tensor cos = z.matmul(z.T);
            using Tensor upper = ones(new[] { m, m }, ScalarType.Bool).triu(1);
            Tensor pairCos = cos.masked_select(upper);                        // (M (M - 1) / 2)
            loss = (pairCos / tau).logsumexp(0) - Math.Log(pairs);
        }

        return scope.MoveToOuter(loss);
    }
}
