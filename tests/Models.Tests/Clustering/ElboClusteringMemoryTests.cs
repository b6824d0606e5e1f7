using Trainer.Models.Clustering;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.Clustering;

public sealed class ElboClusteringMemoryTests
{
    [Fact]
    public void Em_never_lowers_the_elbo()
    {
        var (points, _) = ClusteringTestData.Separated(k: 4, n: 200, separation: 2.5, seed: 4);
        using var _ = points;
        using var model = new ElboClusteringMemory(new ElboConfig { Memories = 4, Iterations = 60, Tolerance = 0 });
        ElboFit fit = model.Fit(points);
        for (int i = 1; i < fit.Curve.Count; i++)
        {
            Assert.True(fit.Curve[i] >= fit.Curve[i - 1] - 1e-10, $"ELBO fell at iteration {i}: {fit.Curve[i - 1]} -> {fit.Curve[i]}");
        }

        Assert.True(fit.Curve[^1] > fit.Curve[0]);
    }

    [Fact]
    public void Em_matches_an_independent_numpy_em_from_the_same_start()
    {
        if (ClusteringReference.Skip())
        {
            return;
        }

        var (points, _) = ClusteringTestData.Separated(k: 3, n: 120, separation: 3, seed: 5);
        using Tensor x = points.to(ScalarType.Float64);
        points.Dispose();
        using Tensor means = x.narrow(0, 0, 3).clone();
        using var init = new MixtureParameters(means.clone(), full([3], -Math.Log(3), ScalarType.Float64), 0.5);
        using var model = ElboClusteringMemory.FromMixture(new ElboConfig { Iterations = 12, Tolerance = 0 }, init);
        List<double> curve = model.RunEm(x);
        var reference = ClusteringReference.Ask(new
        {
            task = "em", x = ClusteringReference.Rows(x), means = ClusteringReference.Rows(means),
            log_weights = Enumerable.Repeat(-Math.Log(3), 3), beta = 0.5, iterations = 12, learn_weights = true, learn_beta = true,
        });
        using MixtureParameters got = model.Snapshot();
        double[] refMeans = ClusteringReference.Flat(reference.GetProperty("means"));
        double[] ourMeans = got.Means.data<double>();
        for (int i = 0; i < refMeans.Length; i++)
        {
            Assert.Equal(refMeans[i], ourMeans[i], 9);
        }

        double[] refWeights = ClusteringReference.Doubles(reference.GetProperty("weights"));
        double[] ourWeights = got.LogWeights.exp().data<double>();
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(refWeights[k], ourWeights[k], 9);
        }

        Assert.Equal(reference.GetProperty("beta").GetDouble(), got.Beta, 9);
        double[] refCurve = ClusteringReference.Doubles(reference.GetProperty("curve"));
        for (int i = 0; i < refCurve.Length; i++)
        {
            Assert.Equal(refCurve[i], curve[i], 9);
        }
    }

    [Fact]
    public void Responsibilities_are_pi_weighted_gaussian_posteriors_by_hand()
    {
        double[] mu = [0, 0, 3, 1];
        double[] pi = [0.25, 0.75];
        const double beta = 0.8;
        using var p = new MixtureParameters(tensor(mu, [2, 2]), tensor(pi.Select(v => Math.Log(v)).ToArray(), [2]), beta);
        using var model = ElboClusteringMemory.FromMixture(new ElboConfig(), p);
        double[] x = [1, 0.5, -2, 1];
        using Tensor xt = tensor(x, [2, 2]);
        using Tensor r = model.Responsibilities(xt);
        double[] got = r.data<double>();
        for (int n = 0; n < 2; n++)
        {
            double[] joint = Enumerable.Range(0, 2).Select(k =>
                pi[k] * Math.Exp(-beta / 2 * (Math.Pow(x[2 * n] - mu[2 * k], 2) + Math.Pow(x[(2 * n) + 1] - mu[(2 * k) + 1], 2)))).ToArray();
            for (int k = 0; k < 2; k++)
            {
                Assert.Equal(joint[k] / joint.Sum(), got[(2 * n) + k], 12);
            }
        }

        // The mean log-likelihood with the Gaussian normaliser (d/2) log(beta / 2 pi).
        double ll = Enumerable.Range(0, 2).Average(n => Math.Log(Enumerable.Range(0, 2).Sum(k => pi[k] * (beta / (2 * Math.PI))
            * Math.Exp(-beta / 2 * (Math.Pow(x[2 * n] - mu[2 * k], 2) + Math.Pow(x[(2 * n) + 1] - mu[(2 * k) + 1], 2))))));
        Assert.Equal(ll, model.Elbo(xt), 12);
    }

    [Fact]
    public void Elbo_of_any_other_q_is_below_the_elbo_at_the_responsibilities()
    {
        var (points, _) = ClusteringTestData.Separated(k: 3, n: 90, separation: 2, seed: 6);
        using var _ = points;
        using var model = new ElboClusteringMemory(new ElboConfig { Memories = 3, Iterations = 5 });
        model.Fit(points);
        using Tensor r = model.Responsibilities(points);
        Assert.Equal(model.Elbo(points), model.Elbo(points, r), 10);
        for (int s = 0; s < 3; s++)
        {
            using Tensor q = (randn(90, 3) * 2).softmax(1);
            Assert.True(model.Elbo(points, q) < model.Elbo(points));
        }
    }

    [Fact]
    public void Well_separated_mixture_is_recovered_with_proportional_assignments()
    {
        var (points, labels) = ClusteringTestData.Separated();
        using var _ = points;
        using var model = new ElboClusteringMemory(new ElboConfig { Memories = 3, Beta = 0.3 });
        model.Fit(points);
        Assert.True(ClusteringMetrics.AdjustedRandIndex(labels, model.Assign(points)) > 0.95);
        using Tensor r = model.Responsibilities(points);
        using Tensor rowSums = r.sum(1);
        Assert.All(rowSums.data<double>(), v => Assert.Equal(1.0, v, 10));
        Assert.InRange(model.Beta, 0.8, 1.25);                                  // the data's sigma is 1
    }

    [Fact]
    public void Gradient_ascent_on_the_elbo_recovers_the_mixture()
    {
        var (points, labels) = ClusteringTestData.Separated(seed: 7);
        using var _ = points;
        using var model = new ElboClusteringMemory(new ElboConfig { Memories = 3, Training = ElboTraining.Gradient, Iterations = 150, LearningRate = 0.1 });
        ElboFit fit = model.Fit(points);
        Assert.True(fit.Curve[^1] > fit.Curve[0] + 0.1);
        Assert.True(ClusteringMetrics.AdjustedRandIndex(labels, model.Assign(points)) > 0.95);
    }

    [Fact]
    public void Parameters_are_named_and_round_trip_through_a_checkpoint()
    {
        var config = new ElboConfig { Memories = 2, Dim = 3, Beta = 2 };
        using var a = new ElboClusteringMemory(config);
        using var p = new MixtureParameters(randn([2, 3], ScalarType.Float64), tensor(new[] { Math.Log(0.3), Math.Log(0.7) }, [2]), 1.7);
        a.Load(p);
        string path = Path.Combine(Path.GetTempPath(), $"elbo-{Environment.ProcessId}-{Guid.NewGuid():N}.safetensors");
        try
        {
            save(a.state_dict(), path);
            using var b = new ElboClusteringMemory(config);
            b.load_state_dict(load(path));
            Assert.Equal(a.Memories.data<double>(), b.Memories.data<double>());
            Assert.Equal(1.7, b.Beta, 12);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Equal(["memories", "logits", "log_beta"], a.state_dict().Keys);
        Assert.Equal("ElboClusteringMemory(memories=2, dim=3, beta=1.7, training=Em, learn_beta=True)", a.ToString());
    }
}
