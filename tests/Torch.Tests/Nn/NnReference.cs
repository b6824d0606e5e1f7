using System.Text.Json.Nodes;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;
using static Trainer.Torch.Tests.NnTests.TestTensors;

namespace Trainer.Torch.Tests.NnTests;

/// <summary>
/// One run of tests/fixtures/nn/mlp_fixture.py (python3-torch) shared by the parity tests: the MLP's logits, loss and
/// gradients on the weights and batch below, PyTorch's module reprs, and its initialisers' draws after manual_seed.
/// The Python interpreter starts once per test process.
/// </summary>
internal static class NnReference
{
    public const long In = 6;
    public const long Hidden = 16;
    public const long Classes = 5;
    public const long Batch = 8;
    public const long IgnoreIndex = -100;
    public const double LabelSmoothing = 0.1;

    private static readonly Lazy<ReferenceResults> s_results = new(RunScript);

    public static ReferenceResults Results => s_results.Value;

    /// <summary>Linear-GELU-Linear-LayerNorm-Linear, as the script builds it.</summary>
    public static Sequential Mlp() => nn.Sequential(
        nn.Linear(In, Hidden),
        nn.GELU(),
        nn.Linear(Hidden, Hidden),
        nn.LayerNorm(Hidden),
        nn.Linear(Hidden, Classes));

    /// <summary>Deterministic weights for every parameter of <paramref name="model"/>, uniform in [-0.6, 0.6).</summary>
    public static Dictionary<string, Tensor> Weights(Module model)
    {
        var weights = new Dictionary<string, Tensor>();
        ulong seed = 100;
        foreach (var (name, p) in model.named_parameters())
        {
            weights[name] = Uniform(seed++, p.shape, -0.6, 0.6);
        }

        return weights;
    }

    /// <summary>The batch x (Batch, In).</summary>
    public static Tensor X() => Uniform(1, new[] { Batch, In }, -2, 2);

    /// <summary>Class targets with one ignored position.</summary>
    public static Tensor Y() => Longs(new long[] { 0, 4, 2, IgnoreIndex, 1, 3, 3, 0 });

    private static ReferenceResults RunScript()
    {
        using DisposeScope scope = NewDisposeScope();
        using var dir = new ScratchDir();
        using Sequential model = Mlp();
        var tensors = new JsonObject();
        foreach (var (name, w) in Weights(model))
        {
            PythonReference.WriteTensor(dir.Path, name, w, tensors);
        }

        PythonReference.WriteTensor(dir.Path, "x", X(), tensors);
        PythonReference.WriteTensor(dir.Path, "y", Y(), tensors);
        var manifest = new JsonObject
        {
            ["tensors"] = tensors,
            ["config"] = new JsonObject
            {
                ["in"] = In, ["hidden"] = Hidden, ["classes"] = Classes,
                ["ignore_index"] = IgnoreIndex, ["label_smoothing"] = LabelSmoothing,
            },
        };
        File.WriteAllText(Path.Combine(dir.Path, "inputs.json"), manifest.ToJsonString());
        PythonReference.RunScript("mlp_fixture.py", dir.Path);
        JsonObject output = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "outputs.json")))!.AsObject();
        var values = new Dictionary<string, (float[] data, long[] shape)>();
        foreach (var (name, entry) in output["tensors"]!.AsObject())
        {
            Tensor t = PythonReference.ReadFloat32(dir.Path, entry!);
            values[name] = (t.data<float>(), t.shape);
        }

        var reprs = output["other_reprs"]!.AsObject().ToDictionary(kv => kv.Key, kv => (string)kv.Value!);
        return new ReferenceResults(values, (string)output["repr"]!, reprs);
    }
}

/// <summary>What the reference script returned: float32 tensors by name and module reprs.</summary>
internal sealed record ReferenceResults(
    IReadOnlyDictionary<string, (float[] data, long[] shape)> Tensors,
    string ModelRepr,
    IReadOnlyDictionary<string, string> OtherReprs)
{
    /// <summary>A fresh tensor holding the named result.</summary>
    public Tensor Get(string name) =>
        Tensors.TryGetValue(name, out var v) ? tensor(v.data, v.shape) : throw new KeyNotFoundException($"the reference has no '{name}'");
}
