using Trainer.Data.Randomness;
using Trainer.Models.OuterProduct;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.OuterProduct;

public sealed class OuterProductMemoryTests
{
    [Fact]
    public void Chunked_evaluation_equals_an_unchunked_reference_built_by_hand()
    {
        const int n = 103, m = 5, d = 16;
        using var codebook = MemoryCodebook.Random(n, m, d, seed: 3);
        var rng = new Rng(4);
        double[] q = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        double[] p = MemoryTheory.Zipf(n, 1.2);
        int[] f = Enumerable.Range(0, n).Select(x => x % m).ToArray();
        using Tensor labels = tensor(f.Select(v => (long)v).ToArray());
        using Tensor qt = tensor(q), pt = tensor(p);

        // Reference in doubles: W[i, j] = sum_x q(x) U[f(x), i] E[x, j]; S[x, y] = sum_ij U[y, i] W[i, j] E[x, j].
        float[] e = codebook.E.data<float>(), u = codebook.U.data<float>();
        var w = new double[d, d];
        for (int x = 0; x < n; x++)
        {
            for (int i = 0; i < d; i++)
            {
                for (int j = 0; j < d; j++)
                {
                    w[i, j] += q[x] * u[f[x] * d + i] * e[x * d + j];
                }
            }
        }

        var s = new double[n, m];
        double error = 0;
        for (int x = 0; x < n; x++)
        {
            for (int y = 0; y < m; y++)
            {
                for (int i = 0; i < d; i++)
                {
                    for (int j = 0; j < d; j++)
                    {
                        s[x, y] += u[y * d + i] * w[i, j] * e[x * d + j];
                    }
                }
            }

            int best = Enumerable.Range(0, m).MaxBy(y => s[x, y]);
            error += best != f[x] ? p[x] : 0;
        }

        using Tensor built = OuterProductMemory.Build(codebook, labels, qt);
        float[] wb = built.data<float>();
        Assert.True(Enumerable.Range(0, d * d).Max(k => Math.Abs(wb[k] - w[k / d, k % d])) < 1e-4);

        using Tensor v = OuterProductMemory.Readout(codebook, labels, qt);
        using Tensor chunked = OuterProductMemory.Scores(codebook.E, v, chunk: 10);
        using Tensor whole = OuterProductMemory.Scores(codebook.E, v, chunk: n);
        using Tensor viaW = OuterProductMemory.Scores(codebook.E, OuterProductMemory.Readout(built, codebook.U), chunk: n);
        float[] sc = chunked.data<float>(), sw = whole.data<float>(), sv = viaW.data<float>();
        Assert.Equal(sw, sc);
        Assert.True(Enumerable.Range(0, n * m).Max(k => Math.Abs(sc[k] - s[k / m, k % m])) < 1e-4);
        Assert.True(Enumerable.Range(0, n * m).Max(k => Math.Abs(sv[k] - s[k / m, k % m])) < 1e-4);

        MemoryError a = OuterProductMemory.Evaluate(codebook, labels, qt, pt, chunk: 7)[0];
        MemoryError b = OuterProductMemory.Evaluate(codebook, labels, qt, pt, chunk: n)[0];
        Assert.Equal(b, a);
        Assert.Equal(error, a.Error, 6);
    }

    [Fact]
    public void Stacked_weightings_give_the_errors_of_separate_evaluations()
    {
        const int n = 200, m = 5;
        using var codebook = MemoryCodebook.Random(n, m, 24, seed: 5);
        int[] counts = OuterProductSweep.NestedCounts(MemoryTheory.Zipf(n, 2), [500], seed: 2)[0];
        double[][] qs = [CountEstimators.Rho(counts, 500, 0), CountEstimators.Rho(counts, 500, 1), CountEstimators.Sgd(counts, 10, m)];
        using Tensor labels = arange(n, ScalarType.Int64).remainder(m);
        using Tensor pt = tensor(MemoryTheory.Zipf(n, 2));
        using Tensor stacked = tensor(Enumerable.Range(0, n).SelectMany(x => qs.Select(q => q[x])).ToArray(), [n, 3]);
        MemoryError[] together = OuterProductMemory.Evaluate(codebook, labels, stacked, pt, chunk: 64);
        for (int k = 0; k < 3; k++)
        {
            using Tensor one = tensor(qs[k]);
            Assert.Equal(OuterProductMemory.Evaluate(codebook, labels, one, pt)[0], together[k]);
        }
    }

    [Fact]
    public void Storing_every_seen_token_in_a_large_memory_errs_only_on_unseen_tokens()
    {
        // d >> N: the e_x are nearly orthogonal, so every stored (seen) token is recalled. An unseen token gets a
        // prediction from noise that is right with chance about 1/M, so its expected error is (1 - 1/M) p(x).
        const int n = 100, m = 5, d = 4000;
        const long samples = 150;
        double[] p = MemoryTheory.Zipf(n, 1.5);
        using Tensor labels = arange(n, ScalarType.Int64).remainder(m);
        double lower = 0, upper = 0, error = 0, variance = 0;
        for (int draw = 0; draw < 4; draw++)
        {
            int[] counts = OuterProductSweep.NestedCounts(p, [samples], seed: (ulong)draw)[0];
            using var codebook = MemoryCodebook.Random(n, m, d, seed: (ulong)(10 + draw));
            using Tensor q = tensor(CountEstimators.Rho(counts, samples, 0));
            using Tensor seenOnly = tensor(p.Select((px, x) => counts[x] > 0 ? px : 0).ToArray());
            Assert.Equal(0, OuterProductMemory.Evaluate(codebook, labels, q, seenOnly)[0].Error);
            using Tensor pt = tensor(p);
            double unseen = MemoryTheory.EmpiricalUnseenMass(p, counts);
            error += OuterProductMemory.Evaluate(codebook, labels, q, pt)[0].Error;
            upper += unseen;
            lower += (1 - 1.0 / m) * unseen;
            variance += p.Where((_, x) => counts[x] == 0).Sum(px => px * px) * (1.0 / m) * (1 - 1.0 / m);
        }

        Assert.True(error <= upper + 1e-12, $"error {error:F4} above the unseen mass {upper:F4}");
        Assert.True(error >= lower - 4 * Math.Sqrt(variance), $"error {error:F4} far below (1 - 1/M) x unseen mass {lower:F4}");
    }

    [Fact]
    public void Thresholding_in_a_large_memory_leaves_only_the_tail_beyond_P()
    {
        const int n = 100, m = 5, d = 3000, keep = 10;
        double[] p = MemoryTheory.Zipf(n, 2);
        int[] counts = OuterProductSweep.NestedCounts(p, [1_000_000], seed: 1)[0];
        bool[] kept = CountEstimators.TopByCount(counts, keep);
        Assert.Equal(Enumerable.Range(0, n).Select(x => x < keep).ToArray(), kept); // the top P by count are the top P by p
        using var codebook = MemoryCodebook.Random(n, m, d, seed: 2);
        using Tensor labels = arange(n, ScalarType.Int64).remainder(m);
        using Tensor q = tensor(CountEstimators.Threshold(counts, 1_000_000, 0, keep));
        using Tensor headOnly = tensor(p.Select((px, x) => x < keep ? px : 0).ToArray());
        Assert.Equal(0, OuterProductMemory.Evaluate(codebook, labels, q, headOnly)[0].Error);
        using Tensor pt = tensor(p);
        MemoryError e = OuterProductMemory.Evaluate(codebook, labels, q, pt)[0];
        double tail = MemoryTheory.TailMass(p, keep);
        double sd = Math.Sqrt(p.Skip(keep).Sum(px => px * px) * (1.0 / m) * (1 - 1.0 / m));
        Assert.True(e.Error <= tail + 1e-12 && e.Error >= (1 - 1.0 / m) * tail - 4 * sd, $"error {e.Error:F4}, tail mass {tail:F4}");
        Assert.True(e.ErrorHead <= 20.0 / 30, $"head error {e.ErrorHead:F3}: only the 20 unstored of the first 30 tokens can be wrong");
    }

    [Fact]
    public void Thresholding_error_decreases_with_memory_size()
    {
        var config = new SweepConfig
        {
            Inputs = 2000, Classes = 5, Alpha = 2, Dims = [10, 40, 160, 640], Samples = [100_000], Draws = 3,
            Estimators = [EstimatorSpec.Thresholding(0, 1.0 / 4)],
        };
        SweepResult r = OuterProductSweep.Run(config);
        double[] mean = config.Dims.Select(d => r.MeanError(d, 100_000, config.Estimators[0].Name)).ToArray();
        for (int i = 1; i < mean.Length; i++)
        {
            Assert.True(mean[i] < mean[i - 1], $"errors by d: {string.Join(", ", mean.Select(v => v.ToString("F4")))}");
        }

        Assert.True(mean[^1] < 0.25 * mean[0], $"errors by d: {string.Join(", ", mean.Select(v => v.ToString("F4")))}");
    }

    [Fact]
    public void Sweep_reports_every_draw_dimension_sample_count_and_estimator()
    {
        var config = new SweepConfig { Inputs = 300, Dims = [8, 16], Samples = [100, 1000], Draws = 2 };
        SweepResult r = OuterProductSweep.Run(config);
        Assert.Equal(2 * 2 * 2 * 4, r.Points.Count);
        Assert.All(r.Points, pt => Assert.InRange(pt.Error, 0, 1));
        double[] p = MemoryTheory.Zipf(300, 2);
        int[][] counts = OuterProductSweep.NestedCounts(p, [100, 1000], Rng.DeriveSeed(config.Seed, 1UL));
        Assert.Equal(MemoryTheory.EmpiricalUnseenMass(p, counts[1]), r.Points.First(pt => pt.Draw == 1 && pt.Samples == 1000).UnseenMass, 12);
        Assert.True(counts[1].Sum() == 1000 && counts[0].Zip(counts[1]).All(c => c.First <= c.Second), "prefix counts are nested");
    }

    [Fact]
    public void Orthonormal_codebook_stores_exactly_q_and_the_heatmap_rows_are_distributions()
    {
        const int n = 10, m = 5, d = 16;
        using Tensor eye16 = eye(d);
        using var codebook = MemoryCodebook.From(eye16.narrow(0, 0, n), eye16.narrow(0, n, m));
        double[] q = [0.4, 0.2, 0.1, 0.1, 0.05, 0.05, 0.05, 0.03, 0.02, 0];
        using Tensor labels = arange(n, ScalarType.Int64).remainder(m);
        using Tensor w = OuterProductMemory.Build(codebook, labels, tensor(q));
        double[] strength = MemoryMaps.StoredStrength(codebook, w, labels);
        Assert.All(Enumerable.Range(0, n), x => Assert.Equal(q[x], strength[x], 6));
        using Tensor heat = MemoryMaps.Heatmap(codebook, w);
        Assert.Equal(new long[] { n, m }, heat.shape);
        float[] h = heat.data<float>();
        for (int x = 0; x < n; x++)
        {
            Assert.Equal(1, h.Skip(x * m).Take(m).Sum(), 5);
            if (q[x] > 0)
            {
                Assert.Equal(x % m, Enumerable.Range(0, m).MaxBy(y => h[x * m + y]));
            }
        }
    }
}
