using System.Diagnostics;
using static Trainer.Torch.torch;

namespace Trainer.Torch.Diagnostics;

/// <summary>What the engine runs on: libtorch version, the BLAS actually loaded, threads, and a measured GEMM rate.</summary>
public sealed record EngineReport(
    string TorchVersion,
    IReadOnlyList<string> BlasLibraries,
    string OpenBlasConfig,
    bool OptimizedBlas,
    int TorchThreads,
    int BlasThreads,
    int Cores,
    bool CudaAvailable,
    IReadOnlyList<(int Size, double Gflops)> Matmul)
{
    /// <summary>Collects the report; measures float32 matmul GFLOP/s at each size in <paramref name="sizes"/>.</summary>
    public static EngineReport Collect(params int[] sizes)
    {
        Runtime.EnsureInitialized();
        var rates = sizes.Select(n => (n, MeasureMatmulGflops(n))).ToList();
        return new EngineReport(__version__, Runtime.BlasLibraries, Runtime.OpenBlasConfig, Runtime.HasOptimizedBlas,
            get_num_threads(), Runtime.BlasThreads, Environment.ProcessorCount, cuda.is_available(), rates);
    }

    /// <summary>Best-of-3 GFLOP/s of an n x n float32 matmul (2 n^3 flops), after a warm-up.</summary>
    public static double MeasureMatmulGflops(int n)
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        Tensor a = randn(n, n);
        Tensor b = randn(n, n);
        a.matmul(b).Dispose();
        double flops = 2.0 * n * n * n;
        int reps = Math.Max(1, (int)(2e9 / flops));
        double best = double.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < reps; i++)
            {
                a.matmul(b).Dispose();
            }

            best = Math.Min(best, sw.Elapsed.TotalSeconds / reps);
        }

        return flops / best / 1e9;
    }

    public override string ToString()
    {
        var lines = new List<string>
        {
            $"libtorch        {TorchVersion}",
            $"BLAS loaded     {(BlasLibraries.Count == 0 ? "(none found in /proc/self/maps)" : string.Join(", ", BlasLibraries))}",
            $"OpenBLAS        {(OpenBlasConfig.Length == 0 ? "not loaded" : OpenBlasConfig.Trim())}",
            $"optimized BLAS  {(OptimizedBlas ? "yes" : "NO: reference BLAS is ~25x slower; install libopenblas0-pthread")}",
            $"threads         libtorch {TorchThreads}, OpenBLAS {BlasThreads}, cores {Cores}",
            $"CUDA            {(CudaAvailable ? "available" : "not available (CPU build of libtorch)")}",
        };
        lines.AddRange(Matmul.Select(m => $"matmul {m.Size,5}    {m.Gflops:F1} GFLOP/s (float32)"));
        return string.Join(Environment.NewLine, lines);
    }
}
