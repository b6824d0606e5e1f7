using static Trainer.Torch.torch;
using static Trainer.Torch.Tests.NnTests.TestTensors;

namespace Trainer.Torch.Tests.NnTests;

/// <summary>Tests that seed libtorch's global generator and need nobody else to draw from it meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalGeneratorCollection
{
    public const string Name = "Torch global generator (nn)";
}

[Collection(GlobalGeneratorCollection.Name)]
public class InitTests
{
    /// <summary>Mirrors INIT_CASES in tests/fixtures/nn/mlp_fixture.py: the same seed, then the same initialiser.</summary>
    private static readonly Dictionary<string, (ulong seed, Func<Tensor> draw)> s_cases = new()
    {
        ["linear.weight_and_bias"] = (11, () =>
        {
            using var m = nn.Linear(4, 3);
            return cat(new Tensor[] { m.weight.flatten(), m.bias! }).detach();
        }),
        ["embedding.padding_idx"] = (12, () =>
        {
            using var m = nn.Embedding(5, 3, padding_idx: 1);
            return m.weight.detach().clone();
        }),
        ["uniform"] = (13, () => nn.init.uniform_(empty(2, 3), -0.5, 2.0)),
        ["normal"] = (14, () => nn.init.normal_(empty(2, 3), 1.0, 0.02)),
        ["xavier_uniform"] = (15, () => nn.init.xavier_uniform_(empty(3, 5), gain: 2.0)),
        ["xavier_normal"] = (16, () => nn.init.xavier_normal_(empty(3, 5))),
        ["kaiming_uniform"] = (17, () => nn.init.kaiming_uniform_(empty(4, 6), a: 0.1)),
        ["kaiming_normal_fan_out_relu"] = (18, () => nn.init.kaiming_normal_(empty(4, 6), mode: "fan_out", nonlinearity: "relu")),
        ["trunc_normal"] = (19, () => nn.init.trunc_normal_(empty(50), std: 0.5, a: -0.4, b: 0.6)),
        ["orthogonal_tall"] = (20, () => nn.init.orthogonal_(empty(5, 3))),
        ["orthogonal_wide"] = (21, () => nn.init.orthogonal_(empty(3, 5), gain: 1.5)),
    };

    [NeedsPythonTorchFact]
    public void Init_draws_match_pytorch_after_the_same_seed()
    {
        using DisposeScope scope = NewDisposeScope();
        ReferenceResults reference = NnReference.Results; // run the script first: it must not interleave with our draws
        var expectedNames = reference.Tensors.Keys.Where(k => k.StartsWith("init.", StringComparison.Ordinal)).Order();
        Assert.Equal(expectedNames, s_cases.Keys.Select(k => "init." + k).Order());
        foreach (var (name, (seed, draw)) in s_cases)
        {
            manual_seed(seed);
            Tensor ours = draw();
            double diff = MaxAbsDiff(ours, reference.Get("init." + name));
            Assert.True(diff <= 1e-6, $"{name}: max |ours - pytorch| = {diff:E3}");
        }
    }

    [Fact]
    public void Gains_follow_pytorchs_table()
    {
        Assert.Equal(1.0, nn.init.calculate_gain("linear"));
        Assert.Equal(1.0, nn.init.calculate_gain("sigmoid"));
        Assert.Equal(5.0 / 3, nn.init.calculate_gain("tanh"), 12);
        Assert.Equal(Math.Sqrt(2), nn.init.calculate_gain("relu"), 12);
        Assert.Equal(Math.Sqrt(2 / (1 + 0.01 * 0.01)), nn.init.calculate_gain("leaky_relu"), 12);
        Assert.Equal(Math.Sqrt(2 / 1.25), nn.init.calculate_gain("leaky_relu", 0.5), 12);
        Assert.Equal(0.75, nn.init.calculate_gain("selu"));
        Assert.Throws<ArgumentException>(() => nn.init.calculate_gain("softmax"));
    }

    [Fact]
    public void Fans_count_the_receptive_field()
    {
        using Tensor w = empty(8, 3, 5, 2);
        Assert.Equal((30L, 80L), nn.init.calculate_fan_in_and_fan_out(w));
        using Tensor v = empty(4);
        Assert.Throws<ArgumentException>(() => nn.init.calculate_fan_in_and_fan_out(v));
    }

    [Fact]
    public void Init_spreads_match_their_formulas()
    {
        using DisposeScope scope = NewDisposeScope();
        // Var U(-b, b) = b^2 / 3; large tensors make the sample std land within a few percent.
        Tensor xu = nn.init.xavier_uniform_(empty(300, 500));
        double bound = Math.Sqrt(6.0 / 800);
        Assert.True(xu.abs().max().item<float>() <= bound);
        Assert.Equal(bound / Math.Sqrt(3), xu.std().item<float>(), 0.03 * bound);

        Tensor kn = nn.init.kaiming_normal_(empty(300, 500), mode: "fan_in", nonlinearity: "relu");
        double std = Math.Sqrt(2.0 / 500);
        Assert.Equal(std, kn.std().item<float>(), 0.03 * std);

        Tensor tn = nn.init.trunc_normal_(empty(20000), std: 1, a: -0.5, b: 0.5);
        Assert.True(tn.abs().max().item<float>() <= 0.5);
        Assert.True(tn.min().item<float>() < -0.49 && tn.max().item<float>() > 0.49);
    }

    [Fact]
    public void Orthogonal_init_gives_orthonormal_columns_times_gain()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor q = nn.init.orthogonal_(empty(6, 4), gain: 2);
        Tensor gram = q.T.matmul(q) / 4; // (4, 4) = I
        Assert.True(gram.allclose(eye(4), atol: 1e-5), gram.ToString());
    }

    [Fact]
    public void Initialising_a_parameter_records_no_graph()
    {
        using var lin = nn.Linear(3, 2);
        nn.init.xavier_normal_(lin.weight);
        nn.init.constant_(lin.bias!, 0.25);
        Assert.True(lin.weight.is_leaf && lin.bias!.is_leaf);
        Assert.True(lin.weight.requires_grad);
        Assert.Equal(new float[] { 0.25f, 0.25f }, lin.bias!.data<float>());
        nn.init.zeros_(lin.weight);
        Assert.Equal(0f, lin.weight.abs().sum().item<float>());
        nn.init.ones_(lin.weight);
        Assert.Equal(6f, lin.weight.sum().item<float>());
    }
}
