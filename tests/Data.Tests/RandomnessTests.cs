using Trainer.Data.Randomness;

namespace Trainer.Data.Tests;

public class RandomnessTests
{
    [Fact]
    public void SplitMix64_matches_the_published_first_output_for_seed_zero()
    {
        var sm = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, sm.Next());
    }

    [Fact]
    public void Xoshiro_seeded_by_SplitMix_matches_an_independent_transcription()
    {
        // Expected values from a Python transcription of the reference C code of SplitMix64 and xoshiro256**
        // (not from this implementation): state = four SplitMix64(42) outputs, then three xoshiro256** outputs.
        var rng = new Rng(42);
        Assert.Equal(1546998764402558742UL, rng.NextUInt64());
        Assert.Equal(6990951692964543102UL, rng.NextUInt64());
        Assert.Equal(12544586762248559009UL, rng.NextUInt64());
    }

    [Fact]
    public void Det_math_agrees_with_the_platform_math_library()
    {
        var rng = new Rng(1);
        for (int i = 0; i < 20000; i++)
        {
            double x = DetMath.Exp(rng.NextDouble() * 80 - 40);
            Assert.Equal(Math.Log(x), DetMath.Log(x), Math.Abs(Math.Log(x)) * 4e-16 + 1e-300);
            double y = rng.NextDouble() * 1400 - 700;
            Assert.Equal(Math.Exp(y), DetMath.Exp(y), Math.Exp(y) * 8e-16);
            // ln(1 + s) for tiny s by its Taylor series (Math.Log(1 + s) would lose the digits rounded off 1 + s).
            double s = (rng.NextDouble() - 0.5) * 1e-3;
            double series = s - s * s / 2 + s * s * s / 3 - s * s * s * s / 4 + s * s * s * s * s / 5;
            Assert.Equal(series, DetMath.Log1p(s), Math.Abs(s) * 1e-15);
        }
        Assert.Equal(Math.Log(5e-324), DetMath.Log(5e-324), 1e-12);
        Assert.Equal(-1e-20, DetMath.Log1p(-1e-20), 1e-35);
        Assert.Equal(Math.Pow(7, -1.5), DetMath.Pow(7, -1.5), 1e-16);
    }

    [Fact]
    public void Substreams_differ_and_do_not_depend_on_creation_order()
    {
        var a = Rng.ForStream(9, 1).NextUInt64();
        var b = Rng.ForStream(9, 2).NextUInt64();
        var a2 = Rng.ForStream(9, 1).NextUInt64();
        Assert.NotEqual(a, b);
        Assert.Equal(a, a2);
        Assert.NotEqual(Rng.DeriveSeed(9, "split"), Rng.DeriveSeed(9, "mix"));
    }

    [Fact]
    public void Bounded_integers_are_uniform()
    {
        var rng = new Rng(3);
        var counts = new long[7];
        for (int i = 0; i < 70000; i++)
        {
            counts[rng.NextInt(7)]++;
        }
        Assert.True(Stats.ChiSquarePValue(counts, Enumerable.Repeat(1 / 7.0, 7).ToArray()) > 1e-4);
        Assert.All(Enumerable.Range(0, 1000).Select(_ => rng.NextLong(3_000_000_000L)), v => Assert.InRange(v, 0, 2_999_999_999L));
    }

    [Fact]
    public void Normals_follow_the_normal_law_in_the_body_and_the_tails()
    {
        // Bins: 40 equiprobable bins of N(0, 1) (MathNet's inverse CDF) plus the two tails beyond the ziggurat's
        // R = 3.4426, where a separate algorithm takes over.
        const double r = 3.442619855899;
        double[] edges = Enumerable.Range(1, 39).Select(k => MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, k / 40.0)).ToArray();
        var counts = new long[42];
        var rng = new Rng(4);
        const int n = 400_000;
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; i++)
        {
            double z = rng.NextNormal();
            sum += z;
            sum2 += z * z;
            int bin = Array.BinarySearch(edges, z);
            counts[bin < 0 ? ~bin : bin]++;
            if (Math.Abs(z) > r)
            {
                counts[z > 0 ? 41 : 40]++;
            }
        }
        double tail = MathNet.Numerics.Distributions.Normal.CDF(0, 1, -r);
        var expected = Enumerable.Repeat(1 / 40.0, 40).Select(p => p * n).Concat([tail * n, tail * n]).ToArray();
        // The body bins count every draw; the tail bins are checked on their own.
        Assert.True(Stats.ChiSquarePValue(counts[..40].Select(c => (double)c).ToArray(), expected[..40]) > 1e-4);
        Assert.True(Stats.ChiSquarePValue(counts[40..].Select(c => (double)c).ToArray(), expected[40..]) > 1e-4);
        Assert.InRange(counts[40] + counts[41], 2 * tail * n - 5 * Math.Sqrt(2 * tail * n), 2 * tail * n + 5 * Math.Sqrt(2 * tail * n));
        Assert.InRange(sum / n, -0.01, 0.01);
        Assert.InRange(sum2 / n, 0.99, 1.01);
    }

    [Fact]
    public void Fisher_Yates_gives_every_permutation_of_four_equally_often()
    {
        var rng = new Rng(5);
        var counts = new Dictionary<string, long>();
        for (int i = 0; i < 48000; i++)
        {
            int[] p = Sampling.Permutation(rng, 4);
            string key = string.Join(",", p);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        Assert.Equal(24, counts.Count);
        Assert.True(Stats.ChiSquarePValue(counts.Values.ToArray(), Enumerable.Repeat(1 / 24.0, 24).ToArray()) > 1e-4);
    }

    [Fact]
    public void Alias_tables_and_inverse_cdf_sample_the_given_law()
    {
        double[] w = [1, 0, 3, 6, 0.5];
        double[] p = w.Select(x => x / w.Sum()).ToArray();
        var table = new AliasTable(w);
        var cdf = Sampling.CumulativeSums(w);
        var rng = new Rng(6);
        var aliasCounts = new long[5];
        var cdfCounts = new long[5];
        for (int i = 0; i < 100_000; i++)
        {
            aliasCounts[table.Sample(rng)]++;
            cdfCounts[Sampling.Categorical(rng, cdf)]++;
        }
        Assert.Equal(0, aliasCounts[1]);
        Assert.Equal(0, cdfCounts[1]);
        Assert.True(Stats.ChiSquarePValue(aliasCounts, p) > 1e-4);
        Assert.True(Stats.ChiSquarePValue(cdfCounts, p) > 1e-4);
    }

    [Theory]
    [InlineData(0.4)]
    [InlineData(1.0)]
    [InlineData(3.5)]
    public void Gamma_variates_have_the_closed_form_mean_and_variance(double shape)
    {
        var rng = new Rng(7);
        const int n = 100_000;
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; i++)
        {
            double g = Sampling.Gamma(rng, shape);
            sum += g;
            sum2 += g * g;
        }
        double mean = sum / n;
        double variance = sum2 / n - mean * mean;
        Assert.Equal(shape, mean, shape * 0.02);
        Assert.Equal(shape, variance, shape * 0.05);
    }

    [Fact]
    public void Choose_distinct_returns_distinct_values_in_range()
    {
        var rng = new Rng(8);
        int[] k = Sampling.ChooseDistinct(rng, 50, 50);
        Assert.Equal(Enumerable.Range(0, 50), k.Order());
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampling.ChooseDistinct(rng, 3, 4));
    }

    [Fact]
    public void Parallel_streams_fill_the_same_values_for_any_thread_count()
    {
        var one = new double[5000];
        var four = new double[5000];
        ParallelStreams.For(one.Length, 11, 1, (i, rng) => one[i] = rng.NextNormal());
        ParallelStreams.For(four.Length, 11, 4, (i, rng) => four[i] = rng.NextNormal());
        Assert.Equal(one, four);
    }
}
