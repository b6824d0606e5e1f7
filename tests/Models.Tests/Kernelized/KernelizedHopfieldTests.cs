using Trainer.Models.Hopfield.Retrieval;
using Trainer.Models.Kernelized;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.Kernelized;

public class KernelizedHopfieldTests
{
    private static Tensor UnitRows(long n, long d)
    {
        using Tensor x = randn(n, d);
        return nn.functional.normalize(x, 2, 1);
    }

    private static double AngleAfterSeparation(FeatureMap phi, Tensor memories)
    {
        using var _ = no_grad();
        using Tensor f = phi.forward(memories);
        return SeparationMetrics.MinPairwiseAngleDegrees(f);
    }

    [Fact]
    public void Clean_separation_loss_is_the_log_mean_exp_of_pairwise_cosines()
    {
        // Three unit vectors with cosines c12 = 0, c13 = 0.6, c23 = 0.8 (vectors e1, e2, (0.6, 0.8)).
        using Tensor z = tensor(new[] { 2.0, 0, 0, 3, 0.6, 0.8 }, new long[] { 3, 2 });   // rows rescaled: the loss normalises
        double tau = 0.5;
        double expected = Math.Log((Math.Exp(0 / tau) + Math.Exp(0.6 / tau) + Math.Exp(0.8 / tau)) / 3);
        using Tensor loss = SeparationLoss.Compute(z, tau);
        Assert.Equal(expected, loss.item<double>(), 10);
    }

    [Fact]
    public void Authors_quirk_counts_the_zeroed_triangle_and_divides_by_m()
    {
        using Tensor z = tensor(new[] { 2.0, 0, 0, 3, 0.6, 0.8 }, new long[] { 3, 2 });
        double tau = 0.5;
        // Upper triangle: e^{0}, e^{1.2}, e^{1.6}; the 6 zeroed entries (diagonal and below) add e^0 each.
        double expected = Math.Log((1 + Math.Exp(1.2) + Math.Exp(1.6) + 6) / 3) / 3;
        using Tensor loss = SeparationLoss.Compute(z, tau, authorsQuirk: true);
        Assert.Equal(expected, loss.item<double>(), 10);
    }

    [Fact]
    public void Identity_feature_map_without_normalisation_is_the_modern_Hopfield_update()
    {
        manual_seed(31);
        var phi = new FeatureMap(new FeatureMapConfig { InputDim = 4, FeatureDim = 4 });
        using (no_grad())
        {
            using Tensor eye = torch.eye(4);
            phi.phi.weight.copy_(eye);
            phi.phi.bias!.zero_();
        }

        using Tensor mem = randn(7, 4), q = randn(3, 4);
        using Tensor ours = KernelizedRetrieval.Step(phi, mem, q, 1.5, NormalizerKind.Entmax15, normalizeFeatures: false);
        using Tensor expected = HopfieldRetrieval.Step(mem, q, 1.5, NormalizerKind.Entmax15);
        using Tensor diff = (ours - expected).abs().max();
        Assert.True(diff.item<double>() < 1e-6);
    }

    [Fact]
    public void Feature_map_is_kaiming_normal_and_reports_its_shape()
    {
        manual_seed(32);
        var phi = new FeatureMap(new FeatureMapConfig { InputDim = 200, FeatureDim = 300 });
        using Tensor std = phi.phi.weight.std();
        Assert.Equal(Math.Sqrt(2.0 / 200), std.item<double>(), 2);
        using Tensor x = randn(5, 200);
        using Tensor f = phi.Features(x);
        using Tensor norms = f.norm(2, 1);
        Assert.All(norms.data<float>(), v => Assert.Equal(1.0, v, 5));
        Assert.Contains("kind=linear, input_dim=200, feature_dim=300", phi.ToString());
        var mlp = new FeatureMap(new FeatureMapConfig { InputDim = 3, FeatureDim = 6, Kind = FeatureMapKind.Mlp, HiddenDim = 16 });
        using Tensor y = mlp.forward(randn(4, 3));
        Assert.Equal(new long[] { 4, 6 }, y.shape);
        Assert.Equal(3 * 16 + 16 + 16 * 6 + 6, mlp.num_parameters());
    }

    [Fact]
    public void U_Hop_plus_finds_the_regular_tetrahedron_for_four_points_in_three_dimensions()
    {
        manual_seed(1);
        using Tensor x = UnitRows(4, 3);
        var phi = new FeatureMap(new FeatureMapConfig { InputDim = 3, FeatureDim = 3 });
        double before = AngleAfterSeparation(phi, x);
        List<double> losses = UHopPlus.Separate(phi, x, new UHopPlusOptions { Steps = 200, LearningRate = 0.1, Tau = 0.05 });
        double after = AngleAfterSeparation(phi, x);
        Assert.True(losses[^1] < losses[0]);
        Assert.True(after > before);
        Assert.Equal(SphericalCodes.TammesAnglesDegreesS2[4], after, 0);    // within 0.5 degree of 109.47
    }

    [Fact]
    public void U_Hop_plus_raises_the_minimum_separation_of_six_points_towards_the_octahedron()
    {
        manual_seed(1);
        using Tensor x = UnitRows(6, 3);
        var phi = new FeatureMap(new FeatureMapConfig { InputDim = 3, FeatureDim = 3 });
        double deltaBefore = 1 - Math.Cos(AngleAfterSeparation(phi, x) * Math.PI / 180);
        UHopPlus.Separate(phi, x, new UHopPlusOptions { Steps = 200, LearningRate = 0.1, Tau = 0.05 });
        double angle = AngleAfterSeparation(phi, x);
        double deltaAfter = 1 - Math.Cos(angle * Math.PI / 180);
        Assert.True(deltaAfter > 3 * deltaBefore, $"Delta_min {deltaBefore} -> {deltaAfter}");
        Assert.InRange(angle, 75, 90.0001);                                 // optimum 90: close, and never above it
        Assert.InRange(deltaAfter, SphericalCodes.LowerBound(6, 3), SphericalCodes.UpperBound(6, 3));
    }

    [Fact]
    public void U_Hop_plus_shrinks_metastable_states_of_a_sparse_kernelized_memory()
    {
        // The authors' synthetic setting (d = 5, M = 10 unit memories, D_Phi = 5, 20 Adam steps, lr 1, tau 0.1),
        // with unit features and beta = 4.
        manual_seed(1);
        using Tensor mem = UnitRows(10, 5), queries = UnitRows(10, 5);
        var khm = new KernelizedHopfield(new KernelizedHopfieldConfig { Beta = 4, Normalizer = NormalizerKind.Entmax15 }, mem);
        double sizeBefore = khm.MeanMetastableSize(queries), deltaBefore = khm.FeatureDeltaMin();
        List<double> losses = khm.Separate();
        double sizeAfter = khm.MeanMetastableSize(queries), deltaAfter = khm.FeatureDeltaMin();
        Assert.Equal(20, losses.Count);
        Assert.True(deltaAfter > deltaBefore);
        Assert.True(sizeAfter < sizeBefore, $"metastable size {sizeBefore} -> {sizeAfter}");
        Assert.True(sizeAfter <= 2);
        Assert.Contains("memories=10", khm.ToString());
    }

    [Fact]
    public void Kernelized_memory_round_trips_through_safetensors()
    {
        manual_seed(33);
        using Tensor mem = UnitRows(6, 5), q = UnitRows(3, 5);
        var config = new KernelizedHopfieldConfig();
        var a = new KernelizedHopfield(config, mem);
        a.Separate();
        string path = Path.Combine(Path.GetTempPath(), $"khm-{Guid.NewGuid():N}.safetensors");
        try
        {
            save(a.state_dict(), path);
            using Tensor other = UnitRows(6, 5);
            var b = new KernelizedHopfield(config, other);
            b.load_state_dict(load(path));
            using var ra = a.Retrieve(q);
            using var rb = b.Retrieve(q);
            Assert.True(ra.State.equal(rb.State));
            Assert.Equal(new[] { "memories", "phi.phi.bias", "phi.phi.weight" }, a.state_dict().Keys.OrderBy(k => k, StringComparer.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
