using Trainer.Models.Core;
using Trainer.Models.Hopfield;
using Trainer.Models.Hopfield.Retrieval;
using Trainer.Torch;
using static Trainer.Models.Tests.Hopfield.HopfieldTestSupport;
using static Trainer.Torch.torch;
using HopfieldModule = Trainer.Models.Hopfield.Hopfield;

namespace Trainer.Models.Tests.Hopfield;

public class HopfieldModuleTests
{
    private static HopfieldConfig Plain(int input, int heads) => new()
    {
        InputSize = input,
        NumHeads = heads,
        NormalizeStoredPattern = false,
        NormalizeStoredPatternAffine = false,
        NormalizeStatePattern = false,
        NormalizeStatePatternAffine = false,
        NormalizePatternProjection = false,
        NormalizePatternProjectionAffine = false,
    };

    [Fact]
    public void One_association_without_norms_is_multi_head_attention()
    {
        manual_seed(21);
        using var h = new HopfieldModule(Plain(8, 2));
        using Tensor y = randn(2, 5, 8), r = randn(2, 3, 8);
        using Tensor ours = h.forward(y, r, y);
        // Independent: scaled dot-product attention per head with the layer's own projections.
        using var scope = NewDisposeScope();
        Tensor q = nn.functional.linear(r, h.q_proj_weight!, h.q_proj_bias).view(2, 3, 2, 4).transpose(1, 2);
        Tensor k = nn.functional.linear(y, h.k_proj_weight!, h.k_proj_bias).view(2, 5, 2, 4).transpose(1, 2);
        Tensor v = nn.functional.linear(y, h.v_proj_weight!, h.v_proj_bias).view(2, 5, 2, 4).transpose(1, 2);
        Tensor o = nn.functional.scaled_dot_product_attention(q, k, v).transpose(1, 2).reshape(2, 3, 8);
        Tensor expected = h.out_proj!.forward(o);
        Assert.True(MaxAbsDiff(ours, expected) < 1e-6);
    }

    [Fact]
    public void Output_shapes_follow_the_configured_sizes()
    {
        manual_seed(22);
        var config = new HopfieldConfig { InputSize = 6, HiddenSize = 5, PatternSize = 3, OutputSize = 7, NumHeads = 4, StoredPatternSize = 9, PatternProjectionSize = 2 };
        using var h = new HopfieldModule(config);
        using Tensor y = randn(2, 11, 9), r = randn(2, 3, 6), p = randn(2, 11, 2);
        using Tensor z = h.forward(y, r, p);
        Assert.Equal(new long[] { 2, 3, 7 }, z.shape);
        using Tensor a = h.GetAssociationMatrix(y, r, p);
        Assert.Equal(new long[] { 2, 4, 3, 11 }, a.shape);
        using Tensor v = h.GetProjectedPatternMatrix(y, r, p);
        Assert.Equal(new long[] { 2, 4, 11, 3 }, v.shape);
        Assert.Equal(1 / Math.Sqrt(5), h.Scaling[0], 12);
        Assert.Contains("num_heads=4", h.ToString());
        Assert.Contains("(out_proj): Linear(in_features=12, out_features=7, bias=True)", h.ToString());
    }

    [Fact]
    public void Pooling_and_lookup_layers_have_the_library_shapes()
    {
        manual_seed(23);
        using var pool = new HopfieldPooling(new HopfieldConfig { InputSize = 6, NumHeads = 2 }, quantity: 3);
        using Tensor bag = randn(4, 9, 6);
        using Tensor pooled = pool.forward(bag);
        Assert.Equal(new long[] { 4, 18 }, pooled.shape);
        Assert.Equal(new long[] { 1, 3, 6 }, pool.pooling_weights.shape);
        using var lookup = new HopfieldLayer(new HopfieldConfig { InputSize = 6, OutputSize = 2 }, quantity: 10);
        using Tensor states = randn(4, 5, 6);
        using Tensor looked = lookup.forward(states);
        Assert.Equal(new long[] { 4, 5, 2 }, looked.shape);
        using Tensor assoc = lookup.GetAssociationMatrix(states);
        Assert.Equal(new long[] { 4, 1, 5, 10 }, assoc.shape);
        Assert.Contains("quantity=10", lookup.ToString());
        Assert.Contains("lookup_weights", string.Join(",", lookup.state_dict().Keys));
    }

    [Fact]
    public void Update_steps_stop_early_once_the_associations_settle()
    {
        manual_seed(24);
        var config = Plain(8, 2) with { UpdateStepsMax = 50, UpdateStepsEps = 1e-3, Scaling = 0.5 };
        using var h = new HopfieldModule(config);
        using Tensor y = randn(2, 6, 8), r = randn(2, 3, 8);
        using HopfieldAssociation a = h.Associate(y, r, y);
        Assert.InRange(a.Steps, 2, 50);
        using var unbounded = new HopfieldModule(config with { UpdateStepsMax = -1 });
        unbounded.load_state_dict(h.state_dict());
        using HopfieldAssociation b = unbounded.Associate(y, r, y);
        Assert.Equal(a.Steps, b.Steps);
        Assert.True(MaxAbsDiff(a.Output, b.Output) < 1e-6);
    }

    [Fact]
    public void Update_steps_perform_the_fixed_point_iteration_in_the_Hopfield_space()
    {
        // Static patterns, one head: after two updates A = softmax(beta (A1 K) K^T), A1 = softmax(beta (A0 K) K^T), ...
        var config = Plain(0, 1) with
        {
            StoredPatternAsStatic = true, StatePatternAsStatic = true, PatternProjectionAsStatic = true,
            DisableOutProjection = true, UpdateStepsMax = 2, UpdateStepsEps = 1e-12, Scaling = 2.0,
        };
        manual_seed(25);
        using var h = new HopfieldModule(config);
        using Tensor k = randn(1, 6, 4), xi = randn(1, 2, 4);
        using Tensor ours = h.forward(k, xi, k);
        using var scope = NewDisposeScope();
        Tensor x = xi.squeeze(0);
        Tensor km = k.squeeze(0);
        for (int t = 0; t < 3; t++)
        {
            x = HopfieldRetrieval.Step(km, x, 2.0);
        }

        Assert.True(MaxAbsDiff(ours.squeeze(0), x) < 1e-6);
    }

    [Fact]
    public void State_dict_round_trips_through_safetensors()
    {
        manual_seed(26);
        var config = new HopfieldConfig { InputSize = 6, NumHeads = 2, UpdateStepsMax = 2, NormalizeHopfieldSpace = true, NormalizeHopfieldSpaceAffine = true };
        using var a = new HopfieldLayer(config, quantity: 5, lookupWeightsAsSeparated: true);
        string path = Path.Combine(Path.GetTempPath(), $"hopfield-{Guid.NewGuid():N}.safetensors");
        try
        {
            save(a.state_dict(), path);
            manual_seed(99);
            using var b = new HopfieldLayer(config, quantity: 5, lookupWeightsAsSeparated: true);
            var loaded = load(path);
            b.load_state_dict(loaded);
            using Tensor x = randn(3, 4, 6);
            using Tensor ya = a.forward(x), yb = b.forward(x);
            Assert.Equal(0.0, MaxAbsDiff(ya, yb));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Invalid_option_combinations_are_rejected_with_their_names()
    {
        var e = Assert.Throws<ArgumentException>(() => new HopfieldModule(new HopfieldConfig { InputSize = 6, NumHeads = 4 }));
        Assert.Contains("num_heads", e.Message);
        e = Assert.Throws<ArgumentException>(() => new HopfieldModule(new HopfieldConfig { InputSize = 6, NormalizeHopfieldSpaceAffine = true }));
        Assert.Contains("normalize_hopfield_space", e.Message);
    }

    [Fact]
    public void Lookup_classifier_loss_goes_down_on_a_toy_problem_with_adam()
    {
        manual_seed(27);
        // Four Gaussian classes in R^8 around random centres.
        using Tensor centres = randn(4, 8) * 2;
        using Tensor labels = randint(4, new long[] { 256 });
        using Tensor features = centres.index_select(0, labels) + randn(256, 8) * 0.5;
        var model = new HopfieldLookupClassifier(new HopfieldLookupClassifierConfig { InputSize = 8, NumClasses = 4, Quantity = 12, Scaling = 1.0 });
        using var opt = optim.Adam(model.Module.parameters(), lr: 0.02);
        using var batch = new Batch(features.alias(), labels.alias());
        double first = model.Evaluate(batch)["loss"];
        for (int step = 0; step < 80; step++)
        {
            using var scope = NewDisposeScope();
            opt.zero_grad();
            Tensor loss = model.Loss(batch);
            loss.backward();
            opt.step();
        }

        var metrics = model.Evaluate(batch);
        Assert.True(metrics["loss"] < 0.5 * first, $"loss {first} -> {metrics["loss"]}");
        Assert.True(metrics["acc"] > 0.9, $"accuracy {metrics["acc"]}");
        Assert.StartsWith("HopfieldLookupClassifier(HopfieldLayer(", model.ToString());
    }
}
