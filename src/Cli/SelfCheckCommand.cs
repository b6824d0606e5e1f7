using System.CommandLine;
using Trainer.Torch.Diagnostics;

namespace Trainer.Cli;

/// <summary><c>trainer selfcheck</c>: the engine's version, BLAS, threads and measured GEMM speed.</summary>
internal static class SelfCheckCommand
{
    public static Command Build()
    {
        var sizes = new Option<int[]>("--sizes")
        {
            Description = "Matrix sizes for the float32 matmul GFLOP/s measurement",
            DefaultValueFactory = _ => new[] { 512, 2048 },
            AllowMultipleArgumentsPerToken = true,
        };
        var cmd = new Command("selfcheck", "Print the libtorch version, the BLAS library loaded, thread settings and measured matmul GFLOP/s");
        cmd.Options.Add(sizes);
        cmd.SetAction(parse =>
        {
            EngineReport report = EngineReport.Collect(parse.GetValue(sizes) ?? new[] { 512 });
            Console.WriteLine(report);
            return report.OptimizedBlas ? 0 : 2;
        });
        return cmd;
    }
}
