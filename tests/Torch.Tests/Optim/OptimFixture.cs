using System.Text.Json;
using Trainer.Torch.Nn;

namespace Trainer.Torch.Tests.Optim;

/// <summary>
/// The PyTorch reference trajectories: runs tests/fixtures/optim/optim_fixture.py once per test run with Debian's
/// /usr/bin/python3 (python3-torch 1.13) and parses its JSON. <see cref="MissingReason"/> says loudly why the parity
/// tests are skipped when python3-torch is not installed.
/// </summary>
internal sealed class OptimFixture
{
    private const string Script = "tests/fixtures/optim/optim_fixture.py";

    private static readonly Lazy<string?> s_missing = new(Probe);
    private static readonly Lazy<OptimFixture> s_instance = new(Load);

    private OptimFixture(JsonElement root)
    {
        Root = root;
    }

    public static string? MissingReason => s_missing.Value;

    public static OptimFixture Instance => s_instance.Value;

    public JsonElement Root { get; }

    public JsonElement Run(string name) => Root.GetProperty("runs").GetProperty(name);

    public static float[] Floats(JsonElement array) => array.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();

    public static long[] Longs(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt64()).ToArray();

    /// <summary>A parameter from <c>{"shape": [...], "data": [...]}</c>.</summary>
    public static Parameter MakeParameter(JsonElement spec)
    {
        using Tensor t = torch.tensor(Floats(spec.GetProperty("data")), Longs(spec.GetProperty("shape")));
        return new Parameter(t);
    }

    /// <summary>The largest |a - b| over a tensor and a reference, and the reference's largest |value|.</summary>
    public static (double diff, double scale) Compare(Tensor actual, float[] expected)
    {
        float[] got = actual.data<float>();
        Assert.Equal(expected.Length, got.Length);
        double diff = 0, scale = 0;
        for (int i = 0; i < got.Length; i++)
        {
            diff = Math.Max(diff, Math.Abs((double)got[i] - expected[i]));
            scale = Math.Max(scale, Math.Abs((double)expected[i]));
        }

        return (diff, scale);
    }

    private static OptimFixture Load()
    {
        string output = Path.Combine(Path.GetTempPath(), $"trainer-optim-{Guid.NewGuid():N}.json");
        try
        {
            var (code, text) = RunPython(ScriptPath(), output);
            if (code != 0)
            {
                throw new InvalidOperationException($"{Script} failed (exit {code}):\n{text}");
            }

            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(output));
            return new OptimFixture(doc.RootElement.Clone());
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static string? Probe() => Python.MissingModules("torch") is { } why
        ? "SKIPPED LOUDLY: the optimizer parity tests against PyTorch did not run: " + why
        : null;

    private static (int code, string output) RunPython(params string[] args)
    {
        ProcessResult r = Python.Run(args);
        return (r.ExitCode, r.Output);
    }

    private static string ScriptPath() => RepoFiles.Find(Script);
}

/// <summary>A fact skipped, with a loud reason, when python3-torch is not installed.</summary>
public sealed class PyTorchFactAttribute : FactAttribute
{
    public PyTorchFactAttribute()
    {
        if (OptimFixture.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory skipped, with a loud reason, when python3-torch is not installed.</summary>
public sealed class PyTorchTheoryAttribute : TheoryAttribute
{
    public PyTorchTheoryAttribute()
    {
        if (OptimFixture.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
