using System.Globalization;
using Trainer.Torch;

namespace Trainer.Bench;

/// <summary>
/// Entry points for <c>trainer bench &lt;workload&gt;|all [--json] [--rounds N] [--round-seconds S]
/// [--threads T --blas-threads B] [--sweep-threads]</c>. Results go to the output writer (a table, or JSON lines
/// with --json); progress goes to the progress writer (stderr from <see cref="Main"/>).
/// </summary>
public static class BenchCli
{
    /// <summary>The usage text.</summary>
    public const string Usage =
        "usage: bench <workload>...|all [--json] [--rounds N] [--round-seconds S] [--settle-seconds S] [--threads T] [--blas-threads B] [--sweep-threads]\n" +
        "workloads: tiny-add, matmul-64, mlp-step, gemm-512, gemm-2048, gemm-<n>; all = the five engine workloads\n" +
        "--sweep-threads runs each workload under (torch, blas) in {1, cores}^2 (default workloads: gemm-512 gemm-2048 mlp-step)";

    /// <summary>Runs <paramref name="workloads"/> with the default thread policy; returns 0, or 1 when the peer failed.</summary>
    public static int Run(IReadOnlyList<string> workloads, bool json, int rounds, TextWriter output) =>
        Run(workloads, new BenchOptions { Json = json, Rounds = rounds }, output, Console.Error);

    /// <summary>Runs <paramref name="workloads"/> ("all" allowed) as <paramref name="options"/> says.
    /// Returns 0 when every row has both sides, 1 when the peer failed somewhere, 2 on a bad argument.</summary>
    public static int Run(IReadOnlyList<string> workloads, BenchOptions options, TextWriter output, TextWriter? progress = null)
    {
        IReadOnlyList<string> names;
        try
        {
            names = WorkloadCatalog.Expand(workloads.Count > 0 ? workloads : options.ThreadSweep ? WorkloadCatalog.SweepNames : new[] { "all" });
            if (options.Rounds < 1 || options.RoundSeconds <= 0 || options.SettleSeconds < 0)
            {
                throw new ArgumentException("--rounds must be >= 1, --round-seconds > 0 and --settle-seconds >= 0");
            }
        }
        catch (ArgumentException e)
        {
            (progress ?? Console.Error).WriteLine(e.Message);
            return 2;
        }

        Runtime.EnsureInitialized();
        var before = new ThreadSetting(torch.get_num_threads(), Runtime.BlasThreads);
        try
        {
            return RunAll(names, options, output, progress);
        }
        finally
        {
            if (before.Blas > 0)
            {
                Runtime.SetThreads(before.Torch, before.Blas);
            }
        }
    }

    private static int RunAll(IReadOnlyList<string> names, BenchOptions options, TextWriter output, TextWriter? progress)
    {
        var runner = new BenchRunner(options, progress);
        var factories = names.Select(WorkloadCatalog.Factory).ToList();
        var rows = new List<BenchResult>();
        if (!options.Json)
        {
            output.WriteLine(MachineInfo.Describe());
        }

        foreach (ThreadSetting threads in Settings(options))
        {
            IReadOnlyList<BenchResult> part = runner.Run(factories, threads);
            rows.AddRange(part);
            if (options.Json)
            {
                JsonLines.Write(part, output);
            }
            else
            {
                output.WriteLine();
                output.WriteLine($"threads: {threads}");
                ResultTable.Write(part, output);
            }

            output.Flush();
        }

        if (options.ThreadSweep && !options.Json)
        {
            output.WriteLine();
            ThreadSweepTable.Write(rows, output);
        }

        return rows.Any(r => r.Peer is null) ? 1 : 0;
    }

    /// <summary>Parses <paramref name="args"/> (see <see cref="Usage"/>) and runs; stdout for results, stderr for progress.</summary>
    public static int Main(string[] args)
    {
        var workloads = new List<string>();
        var options = new BenchOptions();
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--json": options = options with { Json = true }; break;
                    case "--sweep-threads": options = options with { ThreadSweep = true }; break;
                    case "--rounds": options = options with { Rounds = Int(args, ++i) }; break;
                    case "--round-seconds": options = options with { RoundSeconds = Double(args, ++i) }; break;
                    case "--settle-seconds": options = options with { SettleSeconds = Double(args, ++i, allowZero: true) }; break;
                    case "--threads": options = options with { TorchThreads = Int(args, ++i) }; break;
                    case "--blas-threads": options = options with { BlasThreads = Int(args, ++i) }; break;
                    case "-h" or "--help": Console.WriteLine(Usage); return 0;
                    default:
                        if (args[i].StartsWith('-'))
                        {
                            throw new ArgumentException($"unknown option '{args[i]}'");
                        }

                        workloads.Add(args[i]);
                        break;
                }
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        return Run(workloads, options, Console.Out, Console.Error);
    }

    /// <summary>The thread settings to run: the sweep, or the one given (defaults from the engine's policy).</summary>
    internal static IReadOnlyList<ThreadSetting> Settings(BenchOptions options)
    {
        if (options.ThreadSweep)
        {
            int cores = Environment.ProcessorCount;
            int[] values = cores > 1 ? new[] { 1, cores } : new[] { 1 };
            return values.SelectMany(t => values.Select(b => new ThreadSetting(t, b))).ToList();
        }

        Runtime.EnsureInitialized();
        int torchThreads = options.TorchThreads ?? torch.get_num_threads();
        int blasThreads = options.BlasThreads ?? (Runtime.BlasThreads > 0 ? Runtime.BlasThreads : Environment.ProcessorCount);
        return new[] { new ThreadSetting(torchThreads, blasThreads) };
    }

    private static int Int(string[] args, int i) =>
        i < args.Length && int.TryParse(args[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0
            ? v
            : throw new ArgumentException($"{args[i - 1]} needs a positive integer");

    private static double Double(string[] args, int i, bool allowZero = false) =>
        i < args.Length && double.TryParse(args[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) &&
        (v > 0 || (allowZero && v == 0))
            ? v
            : throw new ArgumentException($"{args[i - 1]} needs a {(allowZero ? "non-negative" : "positive")} number");
}
