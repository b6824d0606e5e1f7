using System.Text.Json.Nodes;
using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.NnTests;

/// <summary>
/// Runs the checked-in reference scripts under tests/fixtures/nn with Debian's /usr/bin/python3 (python3-torch) and
/// exchanges tensors as raw little-endian files described by a JSON manifest.
/// </summary>
internal static class PythonReference
{
    private static readonly Lazy<string?> s_missing = new(Probe);
    private static readonly Lazy<string> s_fixtureDir = new(FindFixtureDir);

    /// <summary>Null when python3 with torch and numpy runs; otherwise the loud reason the parity tests are skipped.</summary>
    public static string? MissingReason => s_missing.Value;

    public static string Script(string name) => Path.Combine(s_fixtureDir.Value, name);

    /// <summary>Runs a fixture script with the given arguments and fails the test, with its output, if it fails.</summary>
    public static void RunScript(string script, params string[] args)
    {
        var (code, output) = Run(new[] { Script(script) }.Concat(args).ToArray());
        Assert.True(code == 0, $"{script} failed with exit code {code}:\n{output}");
    }

    public static (int code, string output) Run(params string[] args)
    {
        ProcessResult r = Python.Run(args);
        return (r.ExitCode, r.Output);
    }

    /// <summary>Writes <paramref name="t"/> as raw little-endian values to dir/name.bin and records it in the manifest.</summary>
    public static void WriteTensor(string dir, string name, Tensor t, JsonObject manifest)
    {
        string file = name + ".bin";
        byte[] bytes;
        string dtype;
        if (t.dtype == ScalarType.Int64)
        {
            bytes = ToBytes(t.data<long>());
            dtype = "int64";
        }
        else if (t.dtype == ScalarType.Float64)
        {
            bytes = ToBytes(t.data<double>());
            dtype = "float64";
        }
        else
        {
            bytes = ToBytes(t.data<float>());
            dtype = "float32";
        }

        File.WriteAllBytes(Path.Combine(dir, file), bytes);
        manifest[name] = new JsonObject
        {
            ["file"] = file,
            ["dtype"] = dtype,
            ["shape"] = new JsonArray(t.shape.Select(s => (JsonNode)s).ToArray()),
        };
    }

    /// <summary>Reads a float32 tensor that a script listed in its manifest.</summary>
    public static Tensor ReadFloat32(string dir, JsonNode entry)
    {
        Assert.Equal("float32", (string?)entry["dtype"]);
        long[] shape = entry["shape"]!.AsArray().Select(n => (long)n!).ToArray();
        byte[] bytes = File.ReadAllBytes(Path.Combine(dir, (string)entry["file"]!));
        var values = new float[bytes.Length / 4];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BitConverter.ToSingle(bytes, 4 * i); // little-endian host, as the file
        }

        return tensor(values, shape);
    }

    private static byte[] ToBytes<T>(T[] values)
        where T : unmanaged => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private static string? Probe() => Python.MissingModules("torch", "numpy") is { } why
        ? "SKIPPED LOUDLY: the nn parity tests against PyTorch did not run: " + why
        : null;

    private static string FindFixtureDir() => RepoFiles.Find("tests/fixtures/nn");
}

/// <summary>A fact skipped, with a loud reason, when /usr/bin/python3 cannot import torch.</summary>
public sealed class NeedsPythonTorchFactAttribute : FactAttribute
{
    public NeedsPythonTorchFactAttribute()
    {
        if (PythonReference.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A temporary folder deleted on dispose.</summary>
internal sealed class ScratchDir : IDisposable
{
    public ScratchDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "trainer-nn-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
