using Trainer.Bench.Workloads;

namespace Trainer.Bench;

/// <summary>
/// The named workloads: the engine set of issue 2 section 4, "gemm-&lt;n&gt;" for any n, and workloads registered
/// by other assemblies (model workloads live with the models; the CLI registers them before running).
/// </summary>
public static class WorkloadCatalog
{
    private static readonly string[] Engine = { "tiny-add", "matmul-64", "mlp-step", "gemm-512", "gemm-2048" };
    private static readonly List<(string Name, Func<Workload> Factory)> Registered = new();
    private static readonly object Gate = new();

    /// <summary>Names that "all" expands to, in run order: the engine set, then registered workloads.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (Gate)
            {
                return Engine.Concat(Registered.Select(r => r.Name)).ToList();
            }
        }
    }

    /// <summary>Adds a workload under <paramref name="name"/> (replacing one registered before under that name).
    /// The factory must be cheap: names are checked by creating and disposing a workload; heavy work goes in Setup.</summary>
    public static void Register(string name, Func<Workload> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        lock (Gate)
        {
            Registered.RemoveAll(r => r.Name == name);
            Registered.Add((name, factory));
        }
    }

    /// <summary>The workloads the thread sweep runs by default.</summary>
    public static IReadOnlyList<string> SweepNames { get; } = new[] { "gemm-512", "gemm-2048", "mlp-step" };

    /// <summary>Expands "all" and checks every name; throws <see cref="ArgumentException"/> naming the allowed ones.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> names)
    {
        var result = new List<string>();
        foreach (string name in names)
        {
            if (name == "all")
            {
                result.AddRange(Names);
            }
            else if (name == "engine")
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
                    $"unknown workload '{name}'; allowed: all, engine, {string.Join(", ", Names)}, gemm-<n>");
            }
        }

        return result.Distinct().ToList();
    }

    /// <summary>A factory for the workload <paramref name="name"/> (one of <see cref="Expand"/>'s results).</summary>
    public static Func<Workload> Factory(string name) =>
        () => TryCreate(name) ?? throw new ArgumentException($"unknown workload '{name}'");

    private static Workload? TryCreate(string name)
    {
        lock (Gate)
        {
            foreach ((string registered, Func<Workload> factory) in Registered)
            {
                if (registered == name)
                {
                    return factory();
                }
            }
        }

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
