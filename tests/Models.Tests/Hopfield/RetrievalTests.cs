using Trainer.Models.Hopfield.Retrieval;
using Trainer.Torch;
using static Trainer.Models.Tests.Hopfield.HopfieldTestSupport;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.Hopfield;

public class RetrievalTests
{
    [Fact]
    public void One_step_from_a_stored_pattern_with_large_beta_returns_it()
    {
        manual_seed(1);
        using Tensor x = UnitRows(20, 16) * 4.0;                              // (M, d), well separated
        using Tensor xi = x.narrow(0, 0, 5);
        using Tensor next = HopfieldRetrieval.Step(x, xi, beta: 50);
        Assert.True(MaxAbsDiff(next, xi) < 1e-5);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.0)]
    [InlineData(20.0)]
    public void Energy_never_increases_along_softmax_updates(double beta)
    {
        manual_seed(2);
        using Tensor x = randn(30, 8);
        using Tensor xi = randn(6, 8) * 2;
        using Tensor e = HopfieldRetrieval.EnergyTrajectory(x, xi, beta, steps: 12);
        double[] v = Doubles(e);
        Assert.Equal(6 * 13, v.Length);
        for (int b = 0; b < 6; b++)
        {
            for (int t = 1; t < 13; t++)
            {
                Assert.True(v[b * 13 + t] <= v[b * 13 + t - 1] + 1e-4, $"E rose at state {b}, step {t}: {v[b * 13 + t - 1]} -> {v[b * 13 + t]}");
            }
        }
    }

    [Fact]
    public void Energy_is_the_log_sum_exp_formula()
    {
        // Two patterns in R^2, one state: E = -(1/beta) log(e^{beta x1.xi} + e^{beta x2.xi}) + |xi|^2 / 2
        using Tensor x = tensor(new[] { 1.0, 0.0, 0.0, 2.0 }, new long[] { 2, 2 });
        using Tensor xi = tensor(new[] { 0.5, 0.25 }, new long[] { 1, 2 });
        double beta = 3;
        double expected = -Math.Log(Math.Exp(beta * 0.5) + Math.Exp(beta * 0.5)) / beta + 0.5 * (0.25 + 0.0625);
        using Tensor e = HopfieldRetrieval.Energy(x, xi, beta);
        Assert.Equal(expected, e.item<double>(), 10);
        using Tensor withConstants = HopfieldRetrieval.Energy(x, xi, beta, includeConstants: true);
        Assert.Equal(expected + Math.Log(2) / beta + 0.5 * 4, withConstants.item<double>(), 10);
    }

    [Fact]
    public void Energy_with_constants_lies_between_zero_and_twice_the_squared_max_norm()
    {
        manual_seed(4);
        using Tensor x = randn(10, 5);
        using Tensor xi = x * 0.7;                                            // states inside the convex hull region
        using Tensor e = HopfieldRetrieval.Energy(x, xi, 1.5, includeConstants: true);
        double m2 = x.square().sum(1).max().item<double>();
        Assert.All(Doubles(e), v => Assert.InRange(v, 0, 2 * m2));
    }

    [Fact]
    public void Large_beta_is_numerically_stable()
    {
        manual_seed(5);
        using Tensor x = randn(50, 32) * 10;
        using Tensor xi = randn(4, 32) * 10;
        using RetrievalResult r = HopfieldRetrieval.Retrieve(x, xi, beta: 1e4, maxSteps: 5);
        using Tensor finite = r.State.isfinite().all();
        Assert.True(finite.item<bool>());
        using Tensor e = HopfieldRetrieval.Energy(x, r.State, 1e4);
        Assert.All(Doubles(e), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Retrieve_stops_when_the_states_stop_moving()
    {
        manual_seed(6);
        using Tensor x = UnitRows(8, 10) * 3;
        using Tensor xi = x.narrow(0, 2, 3) + randn(3, 10) * 0.1;
        using RetrievalResult r = HopfieldRetrieval.Retrieve(x, xi, beta: 10, maxSteps: 100, eps: 1e-6);
        Assert.True(r.Converged);
        Assert.True(r.Steps < 100);
        using Tensor target = x.narrow(0, 2, 3);
        Assert.True(MaxAbsDiff(r.State, target) < 1e-3);
    }

    [Fact]
    public void Per_state_memories_are_supported()
    {
        manual_seed(7);
        using Tensor x = randn(3, 6, 4);                                      // (B, M, d)
        using Tensor xi = randn(3, 4);
        using Tensor batched = HopfieldRetrieval.Step(x, xi, 2.0);
        for (int b = 0; b < 3; b++)
        {
            using Tensor xb = x.select(0, b);
            using Tensor qb = xi.narrow(0, b, 1);
            using Tensor single = HopfieldRetrieval.Step(xb, qb, 2.0);
            using Tensor row = batched.narrow(0, b, 1);
            Assert.True(MaxAbsDiff(single, row) < 1e-6);
        }
    }

    [Theory]
    [InlineData(NormalizerKind.Entmax15)]
    [InlineData(NormalizerKind.Sparsemax)]
    public void Sparse_retrieval_reaches_a_stored_pattern_exactly(NormalizerKind kind)
    {
        // A sparse normaliser puts all mass on one pattern once it dominates, so the fixed point is that pattern.
        manual_seed(8);
        using Tensor x = UnitRows(12, 8) * 2;
        using Tensor xi = x.narrow(0, 5, 1) * 0.9;
        using RetrievalResult r = HopfieldRetrieval.Retrieve(x, xi, beta: 4, maxSteps: 20, normalizer: kind);
        using Tensor target = x.narrow(0, 5, 1);
        Assert.True(MaxAbsDiff(r.State, target) < 1e-6);
        using Tensor w = HopfieldRetrieval.Weights(x, r.State, 4, kind);
        Assert.Equal(1.0, Doubles(w)[5], 6);
    }

    [Fact]
    public void Retrieval_criteria_agree_on_a_clean_retrieval_and_on_a_mixture()
    {
        using Tensor x = tensor(new[] { 1.0, 0.0, 0.0, 1.0 }, new long[] { 2, 2 });
        using Tensor states = tensor(new[] { 1.0, 0.0, 0.5, 0.5 }, new long[] { 2, 2 });
        using Tensor targets = tensor(new long[] { 0, 0 }, new long[] { 2 });
        using Tensor bySelf = RetrievalCriteria.BySelfWeight(x, states, targets, beta: 20);
        using Tensor byDist = RetrievalCriteria.ByDistance(x, states, targets, tol: 0.1);
        Assert.Equal(new[] { true, false }, bySelf.data<bool>());
        Assert.Equal(new[] { true, false }, byDist.data<bool>());
        Assert.Equal(0.5, RetrievalCriteria.Rate(byDist), 12);
    }

    [Fact]
    public void Noisy_queries_have_the_requested_overlap()
    {
        manual_seed(9);
        using Tensor x = UnitRows(10, 64) * 8.0;                              // ||xi||^2 = N = 64
        int[] targets = { 0, 3, 3, 7 };
        using Tensor q = Basins.NoisyQueries(x, targets, 0.6, seed: 11);
        using Tensor t = tensor(targets.Select(i => (long)i).ToArray(), new long[] { 4 });
        using Tensor o = Basins.Overlap(x, q, t);
        Assert.All(Doubles(o), v => Assert.Equal(0.6, v, 4));
        using Tensor norms = q.square().sum(1);
        Assert.All(Doubles(norms), v => Assert.Equal(64, v, 2));
    }
}
