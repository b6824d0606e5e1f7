using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Clustering;

/// <summary>Parameters of an isotropic Gaussian mixture: means xi (K, d), log pi (K) and the shared precision beta.</summary>
/// <param name="Means">xi, (K, d) float64.</param>
/// <param name="LogWeights">log pi, (K) float64.</param>
/// <param name="Beta">Shared precision beta (the memories' bandwidth is 1/beta).</param>
public sealed record MixtureParameters(Tensor Means, Tensor LogWeights, double Beta) : IDisposable
{
    /// <summary>Number of components K.</summary>
    public long Components => Means.size(0);

    public void Dispose()
    {
        Means.Dispose();
        LogWeights.Dispose();
    }
}

/// <summary>
/// The maths of an isotropic Gaussian mixture with a shared precision beta, read as an associative memory whose
/// memories are the means (digest 4.1; the "ELBO" models of Schaeffer et al. 2024). Points x are rows (N, d):
/// <code>
///   log joint   l_nk = log pi_k + log N(x_n; xi_k, beta^-1 I) = log pi_k + (d/2) log(beta / 2 pi) - (beta/2) ||x_n - xi_k||^2
///   posterior   r_nk = softmax_k(l_nk)                    (the retrieval weights, with a bias log pi_k)
///   ELBO(q)     = (1/N) sum_n sum_k q_nk (l_nk - log q_nk) &lt;= (1/N) sum_n log sum_k exp(l_nk) = mean log p(x),
///               with equality at q = r (so the ELBO at the E-step optimum is the mean log-likelihood)
///   M-step      N_k = sum_n r_nk,  xi_k = sum_n r_nk x_n / N_k,  pi_k = N_k / N,
///               1/beta = sum_nk r_nk ||x_n - xi_k||^2 / (N d)      (clamped below by a variance floor)
/// </code>
/// Each M-step maximises the ELBO over the parameters for fixed q, each E-step over q, so EM never lowers it.
/// </summary>
public static class IsotropicMixture
{
    /// <summary>||x_n - xi_k||^2, (N, K).</summary>
    public static Tensor SquaredDistances(Tensor x, Tensor means)
    {
        using var scope = NewDisposeScope();
        Tensor d2 = x.square().sum(1, keepdim: true) - (2 * x.matmul(means.T)) + means.square().sum(1).unsqueeze(0);
        return scope.MoveToOuter(d2.clamp_min(0));
    }

    /// <summary>l_nk = log pi_k + log N(x_n; xi_k, beta^-1 I), (N, K); <paramref name="beta"/> a scalar tensor (may carry a graph).</summary>
    public static Tensor LogJoint(Tensor x, Tensor means, Tensor logWeights, Tensor beta)
    {
        using var scope = NewDisposeScope();
        long d = x.size(1);
        Tensor logNormaliser = (beta.log() - Math.Log(2 * Math.PI)) * (d / 2.0);   // (d/2) log(beta / 2 pi)
        Tensor l = logWeights.unsqueeze(0) - (SquaredDistances(x, means) * beta * 0.5) + logNormaliser;
        return scope.MoveToOuter(l);
    }

    /// <summary>l_nk for fixed parameters, (N, K).</summary>
    public static Tensor LogJoint(Tensor x, MixtureParameters p)
    {
        using Tensor beta = tensor(p.Beta, ScalarType.Float64);
        return LogJoint(x, p.Means, p.LogWeights, beta);
    }

    /// <summary>Responsibilities r_nk = softmax_k(l_nk), (N, K).</summary>
    public static Tensor Responsibilities(Tensor logJoint) => logJoint.softmax(1);

    /// <summary>Mean log-likelihood (1/N) sum_n log sum_k exp(l_nk) (the ELBO at q = r).</summary>
    public static Tensor MeanLogLikelihood(Tensor logJoint)
    {
        using Tensor lse = logJoint.logsumexp(1);
        return lse.mean();
    }

    /// <summary>ELBO(q) = (1/N) sum_nk q_nk (l_nk - log q_nk), with 0 log 0 = 0; q (N, K) rows summing to 1.</summary>
    public static double Elbo(Tensor logJoint, Tensor q)
    {
        using var scope = NewDisposeScope();
        Tensor logQ = q.clamp_min(1e-300).log();
        return (q * (logJoint - logQ)).sum(1).mean().item<double>();
    }

    /// <summary>
    /// The M-step for responsibilities r (N, K): new means (components with N_k below 1e-10 keep their old mean),
    /// weights (uniform if <paramref name="learnWeights"/> is false) and precision (unchanged if
    /// <paramref name="learnBeta"/> is false; variance floored at <paramref name="minVariance"/>).
    /// </summary>
    public static MixtureParameters MStep(Tensor x, Tensor r, MixtureParameters old, bool learnWeights, bool learnBeta, double minVariance)
    {
        using var scope = NewDisposeScope();
        long n = x.size(0), d = x.size(1), k = r.size(1);
        Tensor nk = r.sum(0);                                                       // (K)
        Tensor weighted = r.T.matmul(x) / nk.clamp_min(1e-300).unsqueeze(1);        // (K, d)
        Tensor alive = (nk > 1e-10).unsqueeze(1);                                   // (K, 1)
        Tensor means = where(alive, weighted, old.Means);
        Tensor logWeights = learnWeights
            ? (nk.clamp_min(1e-300) / n).log()
            : full([k], -Math.Log(k), ScalarType.Float64);
        double beta = old.Beta;
        if (learnBeta)
        {
            double variance = (r * SquaredDistances(x, means)).sum().item<double>() / (n * d);
            beta = 1 / Math.Max(variance, minVariance);
        }

        return new MixtureParameters(scope.MoveToOuter(means), scope.MoveToOuter(logWeights), beta);
    }

    /// <summary>Hard labels argmax_k r_nk, (N).</summary>
    public static int[] HardLabels(Tensor logJoint)
    {
        using Tensor a = logJoint.argmax(1);
        return a.data<long>().Select(v => (int)v).ToArray();
    }
}
