using Trainer.Data.Randomness;
using Trainer.Models.Clustering;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.Clustering;

public sealed class ClusteringAssociativeMemoryTests
{
    private static readonly float[] Xi = [1f, 0f, -0.5f, 2f, 0.3f, -1.2f];
    private static readonly float[] States = [0.2f, 0.1f, -1f, 1f, 2f, -2f, 0.4f, 0.5f];

    [Fact]
    public void Euclidean_step_is_the_softmax_of_negative_half_beta_squared_distances_by_hand()
    {
        const double beta = 0.7;
        using var clam = new ClusteringAssociativeMemory(new ClamConfig { Memories = 3, Dim = 2, Beta = beta });
        using (Tensor xi = tensor(Xi, [3, 2]))
        {
            clam.SetMemories(xi);
        }

        using Tensor x = tensor(States, [4, 2]);
        using Tensor got = clam.Step(x);
        float[] g = got.data<float>();
        for (int b = 0; b < 4; b++)
        {
            double[] s = Enumerable.Range(0, 3).Select(k => -beta / 2 * (Sq(States[2 * b] - Xi[2 * k]) + Sq(States[(2 * b) + 1] - Xi[(2 * k) + 1]))).ToArray();
            double[] w = Softmax(s);
            for (int j = 0; j < 2; j++)
            {
                double expected = Enumerable.Range(0, 3).Sum(k => w[k] * Xi[(2 * k) + j]);
                Assert.Equal(expected, g[(2 * b) + j], 5);
            }
        }
    }

    [Fact]
    public void Sphere_step_is_the_normalised_dot_product_softmax_of_unit_memories_by_hand()
    {
        const double beta = 3;
        using var clam = new ClusteringAssociativeMemory(new ClamConfig { Memories = 3, Dim = 2, Beta = beta, Geometry = MemoryGeometry.Sphere });
        using (Tensor xi = tensor(Xi, [3, 2]))
        {
            clam.SetMemories(xi);
        }

        double[][] unitXi = Enumerable.Range(0, 3).Select(k => Unit(Xi[2 * k], Xi[(2 * k) + 1])).ToArray();
        using Tensor x = tensor(States, [4, 2]);
        using Tensor prepared = clam.Prepare(x);
        using Tensor got = clam.Step(prepared);
        float[] g = got.data<float>();
        for (int b = 0; b < 4; b++)
        {
            double[] u = Unit(States[2 * b], States[(2 * b) + 1]);
            double[] w = Softmax(unitXi.Select(m => beta * ((u[0] * m[0]) + (u[1] * m[1]))).ToArray());
            double[] mixed = Unit(Enumerable.Range(0, 3).Sum(k => w[k] * unitXi[k][0]), Enumerable.Range(0, 3).Sum(k => w[k] * unitXi[k][1]));
            Assert.Equal(mixed[0], g[2 * b], 5);
            Assert.Equal(mixed[1], g[(2 * b) + 1], 5);
        }
    }

    [Fact]
    public void Well_separated_gaussian_mixture_is_recovered()
    {
        var (points, labels) = ClusteringTestData.Separated();
        using var _ = points;
        using var clam = new ClusteringAssociativeMemory(new ClamConfig { Memories = 3, Dim = 2, Beta = 1, Epochs = 60 });
        clam.Fit(points);
        int[] assigned = clam.Assign(points);
        Assert.True(ClusteringMetrics.AdjustedRandIndex(labels, assigned) > 0.95);
        Assert.Equal(3, ClusteringMetrics.DistinctLabels(assigned));
    }

    [Fact]
    public void Dot_product_form_recovers_von_mises_fisher_clusters_on_the_sphere()
    {
        var (points, labels) = ClusteringTestData.Vmf();
        using var _ = points;
        using var clam = new ClusteringAssociativeMemory(new ClamConfig
        {
            Memories = 3, Dim = 3, Beta = 50, Geometry = MemoryGeometry.Sphere, Epochs = 60, LearningRate = 0.02,
        });
        clam.Fit(points);
        Assert.True(ClusteringMetrics.AdjustedRandIndex(labels, clam.Assign(points)) > 0.95);
    }

    [Fact]
    public void Reconstruction_loss_goes_down_under_adam_from_poor_memories()
    {
        var (points, _) = ClusteringTestData.Separated(seed: 3);
        using var __ = points;
        using var clam = new ClusteringAssociativeMemory(new ClamConfig { Memories = 3, Dim = 2, Beta = 1, Epochs = 40, BatchSize = 50, LearningRate = 0.3 });
        using (Tensor corner = full([3, 2], 15.0) + tensor(new float[] { 0, 0, 1, 0, 0, 1 }, [3, 2]))
        {
            clam.SetMemories(corner);
        }

        List<double> curve = clam.Train(points, new Rng(1));
        Assert.True(curve[^1] < 0.2 * curve[0], $"loss {curve[0]} -> {curve[^1]}");
    }

    [Fact]
    public void A_memory_is_a_fixed_point_and_points_settle_to_the_nearest_one()
    {
        using var clam = new ClusteringAssociativeMemory(new ClamConfig { Memories = 2, Dim = 2, Beta = 2 });
        using (Tensor xi = tensor(new float[] { -5, 0, 5, 0 }, [2, 2]))
        {
            clam.SetMemories(xi);
        }

        using Tensor x = tensor(new float[] { -5, 0, 5, 0, -1, 3, 2, -1 }, [4, 2]);
        using Tensor settled = clam.Settle(x);
        float[] s = settled.data<float>();
        Assert.Equal(-5, s[0], 4);
        Assert.Equal(5, s[2], 4);
        Assert.Equal([0, 1, 0, 1], clam.Assign(x));
    }

    [Fact]
    public void Memories_round_trip_through_a_checkpoint_and_the_module_names_itself()
    {
        var config = new ClamConfig { Memories = 4, Dim = 3, Beta = 2.5, Steps = 7 };
        using var a = new ClusteringAssociativeMemory(config);
        using (Tensor m = randn(4, 3))
        {
            a.SetMemories(m);
        }

        string path = Path.Combine(Path.GetTempPath(), $"clam-{Environment.ProcessId}-{Guid.NewGuid():N}.safetensors");
        try
        {
            save(a.state_dict(), path);
            using var b = new ClusteringAssociativeMemory(config);
            b.load_state_dict(load(path));
            Assert.Equal(a.Memories.data<float>(), b.Memories.data<float>());
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Equal(["memories"], a.state_dict().Keys);
        Assert.Equal([4L, 3L], a.Memories.shape);
        Assert.Equal("ClusteringAssociativeMemory(memories=4, dim=3, beta=2.5, steps=7, geometry=Euclidean)", a.ToString());
        Assert.Throws<ArgumentException>(() => new ClusteringAssociativeMemory(config with { Beta = 0 }));
    }

    private static double Sq(double v) => v * v;

    private static double[] Unit(double a, double b)
    {
        double n = Math.Sqrt((a * a) + (b * b));
        return [a / n, b / n];
    }

    private static double[] Softmax(double[] s)
    {
        double max = s.Max();
        double[] e = s.Select(v => Math.Exp(v - max)).ToArray();
        return e.Select(v => v / e.Sum()).ToArray();
    }
}
