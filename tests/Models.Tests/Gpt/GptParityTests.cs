namespace Trainer.Models.Tests.Gpt;

/// <summary>
/// Parity with an independent PyTorch GPT (tests/fixtures/gpt/gpt_reference.py): the C# model's weights and a batch go
/// to Python through safetensors; Python's logits, loss and every parameter gradient come back and must agree within
/// 1e-5 in float32. Also: one seed gives bit-identical initial weights in both (nanoGPT's init order).
/// </summary>
public sealed class GptParityTests : IClassFixture<GptParityFixture>
{
    private readonly GptParityFixture _fixture;

    public GptParityTests(GptParityFixture fixture)
    {
        _fixture = fixture;
    }

    public static TheoryData<string> GradCases => new(GptParityFixture.GradCases);

    public static TheoryData<string> InitCases => new(GptParityFixture.InitCases);

    [GptReferenceTheory]
    [MemberData(nameof(GradCases))]
    public void Logits_loss_and_gradients_match_pytorch(string name)
    {
        var (ours, reference) = _fixture.Get(name);
        TensorAssert.Close(reference["logits"], ours["logits"], 1e-5, "logits");
        TensorAssert.Close(reference["loss"], ours["loss"], 1e-5, "loss");
        var gradNames = ours.Keys.Where(k => k.StartsWith("grad.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(reference.Keys.Where(k => k.StartsWith("grad.", StringComparison.Ordinal)).Order(StringComparer.Ordinal), gradNames);
        foreach (string g in gradNames)
        {
            TensorAssert.Close(reference[g], ours[g], 1e-5, g);
        }
    }

    [GptReferenceTheory]
    [MemberData(nameof(InitCases))]
    public void One_seed_gives_the_same_initial_weights_as_pytorch(string name)
    {
        var (ours, reference) = _fixture.Get(name);
        Assert.Equal(reference.Keys.Order(StringComparer.Ordinal), ours.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, t) in ours)
        {
            Assert.True(reference[key].equal(t), $"{key} differs from PyTorch's initial value");
        }
    }

    [GptReferenceTheory]
    [MemberData(nameof(GradCases))]
    public void Every_parameter_gets_a_nonzero_gradient(string name)
    {
        var (ours, _) = _fixture.Get(name);
        foreach (var (key, t) in ours.Where(kv => kv.Key.StartsWith("grad.", StringComparison.Ordinal)))
        {
            Assert.True(TensorAssert.MaxAbs(t) > 0, $"{key} is all zero");
        }
    }
}
