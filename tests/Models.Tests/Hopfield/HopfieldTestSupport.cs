using System.Diagnostics;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.Hopfield;

/// <summary>Small helpers for the Hopfield-family tests: repo paths, Debian's python3-torch, tensor comparisons.</summary>
internal static class HopfieldTestSupport
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> s_missing = new(() =>
    {
        if (!File.Exists(Python))
        {
            return $"{Python} not found (install python3-torch)";
        }

        var (code, _, err) = RunPython("-c", "import torch");
        return code == 0 ? null : "python3-torch is not importable: " + err.Trim();
    });

    /// <summary>Null when python3-torch is available, else why not (the parity tests then skip loudly).</summary>
    public static string? PythonMissing => s_missing.Value;

    /// <summary>The repository root (the folder holding Trainer.slnx), found upwards from the test binaries.</summary>
    public static string RepoRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Trainer.slnx")))
            {
                return d.FullName;
            }
        }

        for (DirectoryInfo? d = new(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Trainer.slnx")))
            {
                return d.FullName;
            }
        }

        return "/work/main";
    }

    public static string Fixture(string name) => Path.Combine(RepoRoot(), "tests", "fixtures", "hopfield", name);

    public static (int code, string stdout, string stderr) RunPython(params string[] args)
    {
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["OMP_NUM_THREADS"] = "1";
        using var p = Process.Start(psi)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout, err.Result);
    }

    /// <summary>Largest |a - b| over two tensors of the same shape.</summary>
    public static double MaxAbsDiff(Tensor a, Tensor b)
    {
        Assert.Equal(a.shape, b.shape);
        using Tensor d = (a.to(ScalarType.Float64) - b.to(ScalarType.Float64)).abs().max();
        return d.item<double>();
    }

    public static float[] Row(Tensor t) => t.to(ScalarType.Float32).data<float>();

    public static double[] Doubles(Tensor t) => t.to(ScalarType.Float64).data<double>();

    /// <summary>Random unit rows (n, d) from the global generator.</summary>
    public static Tensor UnitRows(long n, long d)
    {
        using Tensor x = randn(n, d);
        return nn.functional.normalize(x, 2, 1);
    }
}
