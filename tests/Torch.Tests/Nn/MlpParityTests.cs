using Trainer.Torch.Nn;
using static Trainer.Torch.torch;
using static Trainer.Torch.Tests.NnTests.TestTensors;
using F = Trainer.Torch.torch.nn.functional;

namespace Trainer.Torch.Tests.NnTests;

/// <summary>
/// Parity with python3-torch on the same weights and inputs (see <see cref="NnReference"/> and
/// tests/fixtures/nn/mlp_fixture.py): forward, cross-entropy with ignore_index and label smoothing, every gradient,
/// and the module strings.
/// </summary>
public class MlpParityTests
{
    [NeedsPythonTorchFact]
    public void Mlp_forward_and_cross_entropy_backward_match_pytorch()
    {
        using DisposeScope scope = NewDisposeScope();
        using Sequential model = NnReference.Mlp();
        model.load_state_dict(NnReference.Weights(model));
        Tensor x = NnReference.X().requires_grad_();
        Tensor logits = model.call(x);
        Tensor loss = F.cross_entropy(logits, NnReference.Y(), ignore_index: NnReference.IgnoreIndex,
            label_smoothing: NnReference.LabelSmoothing);
        loss.backward();

        var ours = new Dictionary<string, Tensor> { ["logits"] = logits, ["loss"] = loss, ["grad.x"] = x.grad! };
        foreach (var (name, p) in model.named_parameters())
        {
            ours["grad." + name] = p.grad!;
        }

        Assert.Equal(3 + 8, ours.Count); // logits, loss, grad.x and the 8 parameter gradients
        ReferenceResults reference = NnReference.Results;
        foreach (var (name, t) in ours)
        {
            double diff = MaxAbsDiff(t.detach(), reference.Get(name));
            Assert.True(diff <= 1e-5, $"{name}: max |ours - pytorch| = {diff:E3} > 1e-5");
        }

        Assert.True(loss.item<float>() > 0.5, "a random 5-class model should have a loss near log 5");
    }

    [NeedsPythonTorchFact]
    public void Model_string_matches_pytorch_repr()
    {
        using Sequential model = NnReference.Mlp();
        Assert.Equal(NnReference.Results.ModelRepr, model.ToString());
    }

    [NeedsPythonTorchFact]
    public void Module_strings_match_pytorch_repr()
    {
        using DisposeScope scope = NewDisposeScope();
        var ours = new Dictionary<string, Module>
        {
            ["embedding_padding"] = nn.Embedding(10, 3, padding_idx: 0),
            ["embedding_sparse"] = nn.Embedding(7, 2, sparse: true),
            ["dropout"] = nn.Dropout(p: 0.1),
            ["layer_norm_plain"] = nn.LayerNorm(new long[] { 2, 3 }, eps: 1e-6, elementwise_affine: false),
            ["linear_no_bias"] = nn.Linear(3, 2, bias: false),
            ["activations"] = nn.Sequential(nn.ReLU(), nn.Tanh(), nn.SiLU(), nn.Identity(), nn.GELU(approximate: "tanh")),
            ["module_list"] = nn.ModuleList<Module>(nn.Linear(2, 2), nn.Dropout(0.25)),
            ["module_dict"] = nn.ModuleDict<Module>(("enc", nn.Linear(4, 3)), ("act", nn.ReLU())),
        };
        Assert.Equal(NnReference.Results.OtherReprs.Keys.Order(), ours.Keys.Order());
        foreach (var (name, m) in ours)
        {
            Assert.Equal(NnReference.Results.OtherReprs[name], m.ToString());
            m.Dispose();
        }
    }
}
