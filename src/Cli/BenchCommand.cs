using System.CommandLine;
using Trainer.Bench;
using Trainer.Bench.Models;

namespace Trainer.Cli;

/// <summary><c>trainer bench</c>: workloads timed side by side with the python3-torch / gensim peers (src/Bench).</summary>
internal static class BenchCommand
{
    public static Command Build()
    {
        var args = new Argument<string[]>("args")
        {
            Description = "Workloads (or 'all', 'engine') and options: --json --rounds N --round-seconds S --threads T --blas-threads B --sweep-threads",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var cmd = new Command("bench", "Benchmarks against PyTorch and gensim, run side by side (A B A B), with ratios; see docs/BENCHMARKS.md")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        cmd.Arguments.Add(args);
        cmd.SetAction(parse =>
        {
            ModelWorkloads.RegisterAll();
            var all = (parse.GetValue(args) ?? Array.Empty<string>()).Concat(parse.UnmatchedTokens).ToArray();
            return BenchCli.Main(all.Length == 0 ? new[] { "all" } : all);
        });
        return cmd;
    }
}
