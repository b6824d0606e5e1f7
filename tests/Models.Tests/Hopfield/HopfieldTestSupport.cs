using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.Hopfield;

/// <summary>Small helpers for the Hopfield-family tests: repo paths, Debian's python3-torch, tensor comparisons.</summary>
internal static class HopfieldTestSupport
{
    /// <summary>Null when python3-torch is available, else why not (the parity tests then skip loudly).</summary>
    public static string? PythonMissing => Python.MissingModules("torch");

    /// <summary>The repository root (the folder holding Trainer.slnx).</summary>
    public static string RepoRoot() => RepoFiles.Root();

    public static string Fixture(string name) => Path.Combine(RepoRoot(), "tests", "fixtures", "hopfield", name);

    public static (int code, string stdout, string stderr) RunPython(params string[] args)
    {
        ProcessResult r = Python.Run(args);
        return (r.ExitCode, r.Stdout, r.Stderr);
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
