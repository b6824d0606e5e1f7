using System.Text.Json;
using Trainer.Models.Gpt;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.Gpt;

/// <summary>
/// Builds the C# side of every parity case, then runs tests/fixtures/gpt/gpt_reference.py once for all of them
/// (importing torch is the slow part) and keeps both sides for the tests. Lazy: nothing runs unless a test asks.
/// </summary>
public sealed class GptParityFixture : IDisposable
{
    public const long InitSeed = 2024;

    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly Lazy<Dictionary<string, Outcome>> _outcomes;
    private readonly TempFolder _dir = new();

    public GptParityFixture()
    {
        _outcomes = new Lazy<Dictionary<string, Outcome>>(RunAll);
    }

    /// <summary>Names of the forward/backward cases.</summary>
    public static string[] GradCases { get; } = ["tied_softmax", "untied_nobias_normal1", "hopfield_beta_3_steps"];

    /// <summary>Names of the initialisation cases.</summary>
    public static string[] InitCases { get; } = ["init_tied", "init_untied", "init_tied_normal1"];

    /// <summary>The C# results (logits, loss, grad.*, or param.*) and PyTorch's, by tensor name.</summary>
    public Outcome Get(string name) => _outcomes.Value[name];

    public static GptConfig Config(string name)
    {
        var small = new GptConfig { VocabSize = 23, BlockSize = 8, NLayer = 2, NHead = 2, NEmbd = 16 };
        return name switch
        {
            "tied_softmax" or "init_tied" => small,
            "untied_nobias_normal1" => small with { TieWeights = false, Bias = false, EmbeddingInit = "normal_1" },
            "hopfield_beta_3_steps" => small with { Attention = "hopfield", HopfieldBeta = 0.7, HopfieldSteps = 3 },
            "init_untied" => small with { TieWeights = false },
            "init_tied_normal1" => small with { EmbeddingInit = "normal_1" },
            _ => throw new ArgumentException(name),
        };
    }

    private Dictionary<string, Outcome> RunAll()
    {
        var ours = new Dictionary<string, Dictionary<string, Tensor>>();
        var jobs = new List<string[]>();
        foreach (string name in GradCases)
        {
            ours[name] = ForwardBackward(name, _dir.File(name + ".in.safetensors"));
            jobs.Add(["grads", _dir.File(name + ".in.safetensors"), _dir.File(name + ".out.safetensors")]);
        }

        foreach (string name in InitCases)
        {
            ours[name] = Init(name);
            jobs.Add(["init", JsonSerializer.Serialize(Config(name), s_json), InitSeed.ToString(), _dir.File(name + ".out.safetensors")]);
        }

        File.WriteAllText(_dir.File("jobs.json"), JsonSerializer.Serialize(jobs));
        GptReference.Run("jobs", _dir.File("jobs.json"));
        return ours.ToDictionary(kv => kv.Key, kv => new Outcome(kv.Value, load(_dir.File(kv.Key + ".out.safetensors"))));
    }

    /// <summary>Forward and backward on a fixed batch; writes weights, batch and config for Python.</summary>
    private static Dictionary<string, Tensor> ForwardBackward(string name, string inputFile)
    {
        GptConfig config = Config(name);
        manual_seed(11);
        using var model = new GptModel(config);
        using Tensor idx = randint(config.VocabSize, new long[] { 3, 7 });
        using Tensor targets = tensor(new long[]
        {
            -1, -1, 4, 9, 0, 22, 13,
            5, 17, -1, 3, 3, 8, 1,
            -1, -1, -1, -1, 2, 20, -1,
        }, new long[] { 3, 7 });
        Tensor logits = model.forward(idx);
        Tensor loss = nn.functional.cross_entropy(logits.reshape(-1, config.VocabSize), targets.reshape(-1), ignore_index: -1);
        loss.backward();

        var inputs = new Dictionary<string, Tensor> { ["batch.idx"] = idx, ["batch.targets"] = targets };
        var result = new Dictionary<string, Tensor> { ["logits"] = logits.detach(), ["loss"] = loss.detach().reshape(1) };
        foreach (var (key, p) in model.named_parameters())
        {
            inputs["param." + key] = p;
            result["grad." + key] = p.grad ?? throw new InvalidOperationException($"{key} got no gradient");
        }

        save(inputs, inputFile, new Dictionary<string, string> { ["config"] = JsonSerializer.Serialize(config, s_json) });
        return result;
    }

    private static Dictionary<string, Tensor> Init(string name)
    {
        manual_seed(InitSeed);
        using var model = new GptModel(Config(name));
        return model.named_parameters().ToDictionary(p => "param." + p.name, p => p.parameter.detach().clone());
    }

    public void Dispose()
    {
        if (_outcomes.IsValueCreated)
        {
            foreach (Outcome o in _outcomes.Value.Values)
            {
                o.Dispose();
            }
        }

        _dir.Dispose();
    }

    /// <summary>Our tensors and the reference's, by name.</summary>
    public sealed record Outcome(Dictionary<string, Tensor> Ours, Dictionary<string, Tensor> Reference) : IDisposable
    {
        public void Dispose()
        {
            foreach (Tensor t in Ours.Values.Concat(Reference.Values))
            {
                t.Dispose();
            }
        }
    }
}

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "trainer-gpt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
