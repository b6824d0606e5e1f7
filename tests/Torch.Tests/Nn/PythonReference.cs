using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.NnTests;

/// <summary>
/// Runs the checked-in reference scripts under tests/fixtures/nn with Debian's /usr/bin/python3 (python3-torch) and
/// exchanges tensors as raw little-endian files described by a JSON manifest.
/// </summary>
internal static class PythonReference
{
    public const string Interpreter = "/usr/bin/python3";

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
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process p = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Interpreter}");
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Interpreter} {string.Join(' ', args)} ran over 120 s");
        }

        return (p.ExitCode, stdout.Result + stderr.Result);
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

    private static string? Probe()
    {
        const string install = "install them with: apt-get install -y --no-install-recommends python3-torch python3-numpy";
        if (!File.Exists(Interpreter))
        {
            return $"SKIPPED LOUDLY: {Interpreter} is missing, so the nn parity tests against PyTorch did not run; {install}";
        }

        // find_spec locates the packages without importing torch (which takes seconds).
        var (code, output) = Run("-c", "import importlib.util as u, sys; sys.exit(0 if u.find_spec('torch') and u.find_spec('numpy') else 3)");
        return code == 0
            ? null
            : $"SKIPPED LOUDLY: {Interpreter} lacks torch or numpy (exit {code}: {output.Trim()}), so the nn parity tests " +
              $"against PyTorch did not run; {install}";
    }

    private static string FindFixtureDir()
    {
        const string relative = "tests/fixtures/nn";
        foreach (string start in new[] { AppContext.BaseDirectory, ThisFileDir() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(Path.Combine(candidate, "mlp_fixture.py")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException($"cannot find {relative}/mlp_fixture.py above {AppContext.BaseDirectory}");
    }

    private static string ThisFileDir([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? ".";
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
