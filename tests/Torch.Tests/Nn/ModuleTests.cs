using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.NnTests;

public class ModuleTests
{
    [Fact]
    public void Nested_parameters_get_dotted_names_in_registration_order()
    {
        using var model = new TinyTransformer(vocab: 11, d: 4, layers: 2);
        var names = model.named_parameters().Select(p => p.name).ToList();
        var expected = new List<string> { "wte.weight" };
        for (int i = 0; i < 2; i++)
        {
            expected.AddRange(new[] { "ln.weight", "ln.bias", "attn.qkv.weight", "attn.qkv.bias", "attn.proj.weight",
                "mlp.0.weight", "mlp.0.bias", "mlp.2.weight", "mlp.2.bias" }.Select(n => $"blocks.{i}.{n}"));
        }

        expected.AddRange(new[] { "ln_f.weight", "ln_f.bias", "heads.lm.weight", "heads.score.weight", "heads.score.bias" });
        Assert.Equal(expected, names);

        var shapes = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        Assert.Equal(new long[] { 12, 4 }, shapes["blocks.0.attn.qkv.weight"]);
        Assert.Equal(new long[] { 12 }, shapes["blocks.1.attn.qkv.bias"]);
        Assert.Equal(new long[] { 16, 4 }, shapes["blocks.1.mlp.0.weight"]);
        Assert.Equal(new long[] { 11, 4 }, shapes["heads.lm.weight"]);
        // 11*4 + 2*(4+4 + 48+12 + 16 + 64+16 + 64+4) + 4+4 + 44 + 4+1
        Assert.Equal(44 + 2 * 232 + 8 + 44 + 5, model.num_parameters());
    }

    [Fact]
    public void State_dict_holds_parameters_and_persistent_buffers_only()
    {
        using var model = new TinyTransformer();
        var sd = model.state_dict();
        Assert.Contains("blocks.0.attn.rotation", sd.Keys);
        Assert.DoesNotContain("blocks.0.attn.scratch", sd.Keys);
        Assert.Contains("blocks.1.attn.scratch", model.named_buffers().Select(b => b.name));
        Assert.Equal(model.named_parameters().Count() + 2, sd.Count);
        Assert.Same(model.blocks[1], model.named_modules().Single(m => m.name == "blocks.1").module);
    }

    [Fact]
    public void Load_state_dict_round_trips_into_a_fresh_model()
    {
        using DisposeScope scope = NewDisposeScope();
        using var a = new TinyTransformer();
        using var b = new TinyTransformer();
        a.eval();
        b.eval();
        Tensor idx = tensor(new long[] { 1, 5, 2, 9, 0, 3 }, new long[] { 2, 3 });
        Assert.False(a.call(idx).allclose(b.call(idx)));
        var (missing, unexpected) = b.load_state_dict(a.state_dict());
        Assert.Empty(missing);
        Assert.Empty(unexpected);
        Assert.True(a.call(idx).equal(b.call(idx)));
    }

    [Fact]
    public void Strict_loading_names_missing_unexpected_and_mismatched_keys()
    {
        using DisposeScope scope = NewDisposeScope();
        using var model = new TinyTransformer();
        var sd = new Dictionary<string, Tensor>(model.state_dict());
        sd.Remove("blocks.1.attn.qkv.bias");
        sd["blocks.0.extra.weight"] = zeros(2);
        var ex = Assert.Throws<TorchException>(() => model.load_state_dict(sd));
        Assert.Contains("Missing key(s): blocks.1.attn.qkv.bias", ex.Message);
        Assert.Contains("Unexpected key(s): blocks.0.extra.weight", ex.Message);

        var bad = new Dictionary<string, Tensor>(model.state_dict()) { ["wte.weight"] = zeros(3, 4) };
        var shapeEx = Assert.Throws<TorchException>(() => model.load_state_dict(bad, strict: false));
        Assert.Contains("wte.weight", shapeEx.Message);
        Assert.Contains("[3, 4]", shapeEx.Message);
    }

    [Fact]
    public void Non_strict_loading_reports_the_keys_and_loads_the_rest()
    {
        using DisposeScope scope = NewDisposeScope();
        using var model = new TinyTransformer();
        var sd = new Dictionary<string, Tensor>
        {
            ["ln_f.weight"] = full(new long[] { 4 }, 3.0),
            ["nonsense"] = zeros(1),
        };
        var (missing, unexpected) = model.load_state_dict(sd, strict: false);
        Assert.Equal(new[] { "nonsense" }, unexpected);
        Assert.Contains("wte.weight", missing);
        Assert.DoesNotContain("ln_f.weight", missing);
        Assert.Equal(new float[] { 3, 3, 3, 3 }, model.state_dict()["ln_f.weight"].data<float>());
    }

    [Fact]
    public void Train_and_eval_reach_every_submodule()
    {
        using var model = new TinyTransformer();
        Assert.All(model.named_modules(), m => Assert.True(m.module.training));
        model.eval();
        Assert.All(model.named_modules(), m => Assert.False(m.module.training, m.name));
        Assert.False(model.blocks[0].drop.training);
        model.train();
        Assert.All(model.named_modules(), m => Assert.True(m.module.training, m.name));
    }

    [Fact]
    public void Dropout_is_inactive_in_eval_and_active_in_training()
    {
        using DisposeScope scope = NewDisposeScope();
        using var model = new TinyTransformer();
        Tensor idx = tensor(new long[] { 1, 2, 3, 4 }, new long[] { 1, 4 });
        model.eval();
        Assert.True(model.call(idx).equal(model.call(idx)));
        model.train();
        Assert.False(model.call(idx).equal(model.call(idx)));

        using var drop = nn.Dropout(0.5);
        Tensor x = ones(2000);
        drop.eval();
        Assert.True(drop.call(x).equal(x));
        drop.train();
        float[] y = drop.call(x).data<float>();
        Assert.All(y, v => Assert.True(v == 0f || v == 2f)); // kept values scaled by 1/(1 - p)
        double zeroFraction = y.Count(v => v == 0f) / 2000.0;
        Assert.InRange(zeroFraction, 0.43, 0.57);
    }

    [Fact]
    public void Module_list_and_dict_index_count_and_enumerate_in_order()
    {
        using var list = nn.ModuleList<Linear>(nn.Linear(2, 3), nn.Linear(3, 4));
        list.Add(nn.Linear(4, 5));
        Assert.Equal(3, list.Count);
        Assert.Equal(5, list[-1].out_features);
        Assert.Equal(new long[] { 3, 4, 5 }, list.Select(l => l.out_features));
        Assert.Equal(new[] { "0", "1", "2" }, list.named_children().Select(c => c.name));

        using var dict = nn.ModuleDict<Module>(("b", nn.ReLU()), ("a", nn.Linear(2, 2)));
        dict["c"] = nn.Tanh();
        dict["b"] = nn.SiLU();
        Assert.Equal(new[] { "b", "a", "c" }, dict.Keys);
        Assert.IsType<SiLU>(dict["b"]);
        Assert.Equal(new[] { "a.weight", "a.bias" }, dict.named_parameters().Select(p => p.name));
        Assert.Throws<ArgumentException>(() => dict.Add("x.y", nn.ReLU()));
    }

    [Fact]
    public void Sequential_applies_its_modules_in_order()
    {
        using DisposeScope scope = NewDisposeScope();
        using var first = nn.Linear(3, 4);
        using var second = nn.Linear(4, 2);
        using var seq = nn.Sequential(first, nn.Tanh(), second);
        Tensor x = tensor(new float[] { 0.1f, -0.2f, 0.3f, 0.5f, 0.0f, -1.0f }, new long[] { 2, 3 });
        Tensor expected = second.call(first.call(x).tanh());
        Assert.True(seq.call(x).allclose(expected));
        Assert.Equal(3, seq.Count);
        using var named = nn.Sequential(("embed", (Module<Tensor, Tensor>)nn.Linear(3, 3)), ("act", nn.ReLU()));
        Assert.Equal(new[] { "embed.weight", "embed.bias" }, named.named_parameters().Select(p => p.name));
        using var identity = nn.Sequential(nn.Identity());
        Tensor same = identity.call(x);
        same.Dispose();
        Assert.False(x.IsDisposed); // Identity returns a new handle, never the caller's
    }

    [Fact]
    public void Custom_modules_print_as_a_pytorch_style_tree()
    {
        using var block = new Block(2);
        string expected = string.Join(Environment.NewLine,
            "Block(",
            "  (ln): LayerNorm((2,), eps=1e-05, elementwise_affine=True)",
            "  (attn): CausalSelfAttention(",
            "    (qkv): Linear(in_features=2, out_features=6, bias=True)",
            "    (proj): Linear(in_features=2, out_features=2, bias=False)",
            "  )",
            "  (mlp): Sequential(",
            "    (0): Linear(in_features=2, out_features=8, bias=True)",
            "    (1): GELU(approximate='none')",
            "    (2): Linear(in_features=8, out_features=2, bias=True)",
            "  )",
            "  (drop): Dropout(p=0.5, inplace=False)",
            ")");
        Assert.Equal(expected, block.ToString());
    }

    [Theory]
    [InlineData(1e-5, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(1.0, "1.0")]
    [InlineData(0.125, "0.125")]
    [InlineData(0.0, "0.0")]
    public void Float_hyperparameters_print_as_python_floats(double p, string python)
    {
        // The expected strings are Python's repr of the same floats.
        using var drop = nn.Dropout(p);
        Assert.Equal($"Dropout(p={python}, inplace=False)", drop.ToString());
    }

    [Theory]
    [InlineData(1e-12, "1e-12")]
    [InlineData(2.5e-7, "2.5e-07")]
    [InlineData(0.001, "0.001")]
    [InlineData(12345678.5, "12345678.5")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    public void Layer_norm_eps_prints_as_a_python_float(double eps, string python)
    {
        using var ln = nn.LayerNorm(3, eps: eps);
        Assert.Equal($"LayerNorm((3,), eps={python}, elementwise_affine=True)", ln.ToString());
    }
}
