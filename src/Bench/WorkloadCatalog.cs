using Trainer.Bench.Workloads;

namespace Trainer.Bench;

/// <summary>The named workloads: the engine set of issue 2 section 4, and "gemm-&lt;n&gt;" for any n.</summary>
public static class WorkloadCatalog
{
    private static readonly string[] Engine = { "tiny-add", "matmul-64", "mlp-step", "gemm-512", "gemm-2048" };

    /// <summary>Names that "all" expands to, in run order.</summary>
    public static IReadOnlyList<string> Names => Engine;

    /// <summary>The workloads the thread sweep runs by default.</summary>
    public static IReadOnlyList<string> SweepNames { get; } = new[] { "gemm-512", "gemm-2048", "mlp-step" };

    /// <summary>Expands "all" and checks every name; throws <see cref="ArgumentException"/> naming the allowed ones.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> names)
    {
        var result = new List<string>();
        foreach (string name in names)
        {
            if (name is "all" or "engine")
            {
                result.AddRange(Engine);
            }
            else if (TryCreate(name) is { } w)
            {
                w.Dispose();
                result.Add(name);
            }
            else
            {
                throw new ArgumentException(
                    $"unknown workload '{name}'; allowed: all, {string.Join(", ", Engine)}, gemm-<n>");
            }
        }

        return result.Distinct().ToList();
    }

    /// <summary>A factory for the workload <paramref name="name"/> (one of <see cref="Expand"/>'s results).</summary>
    public static Func<Workload> Factory(string name) =>
        () => TryCreate(name) ?? throw new ArgumentException($"unknown workload '{name}'");

    private static Workload? TryCreate(string name)
    {
        switch (name)
        {
            case "tiny-add": return new TinyAdd();
            case "matmul-64": return new SmallMatmul();
            case "mlp-step": return new MlpStep();
        }

        const string gemm = "gemm-";
        if (name.StartsWith(gemm, StringComparison.Ordinal) &&
            int.TryParse(name.AsSpan(gemm.Length), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out int n) && n is > 0 and <= 16384)
        {
            return new Gemm(n);
        }

        return null;
    }
}
