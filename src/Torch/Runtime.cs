using Trainer.Torch.Interop;

namespace Trainer.Torch;

/// <summary>
/// Process-wide engine facts and settings: which BLAS is loaded, and the thread policy.
/// libtorch's intra-op threads (OpenMP) and OpenBLAS's own pthreads compete for the same cores, so the policy sets
/// both. The default (chosen by measurement, see docs/BENCHMARKS.md): one libtorch thread and OpenBLAS on every core.
/// Override with TRAINER_TORCH_THREADS / TRAINER_BLAS_THREADS, or call <see cref="SetThreads"/>.
/// </summary>
public static class Runtime
{
    private static int _initialized;

    /// <summary>Applies the default thread policy once per process (idempotent).</summary>
    public static void EnsureInitialized()
    {
        if (Interlocked.Exchange(ref _initialized, 1) == 1)
        {
            return;
        }

        int cores = Environment.ProcessorCount;
        int torchThreads = EnvInt("TRAINER_TORCH_THREADS") ?? 1;
        int blasThreads = EnvInt("TRAINER_BLAS_THREADS") ?? cores;
        SetThreads(torchThreads, blasThreads);
    }

    /// <summary>Sets libtorch's intra-op threads and OpenBLAS's threads (when OpenBLAS is loaded).</summary>
    public static void SetThreads(int torchThreads, int blasThreads)
    {
        torch.set_num_threads(Math.Max(1, torchThreads));
        NativeMethods.tt_openblas_set_num_threads(Math.Max(1, blasThreads));
    }

    /// <summary>OpenBLAS's thread count, or -1 when OpenBLAS is not loaded.</summary>
    public static int BlasThreads => NativeMethods.tt_openblas_get_num_threads();

    /// <summary>Paths of the BLAS libraries mapped into this process (from /proc/self/maps).</summary>
    public static IReadOnlyList<string> BlasLibraries
    {
        get
        {
            // Loading the shim loads libtorch, which loads the BLAS.
            _ = NativeMethods.tt_is_grad_enabled();
            const string maps = "/proc/self/maps";
            if (!File.Exists(maps))
            {
                return Array.Empty<string>();
            }

            return File.ReadLines(maps)
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(p => p.Length >= 6)
                .Select(p => p[^1])
                .Where(path => Path.GetFileName(path).Contains("blas", StringComparison.OrdinalIgnoreCase) ||
                               Path.GetFileName(path).Contains("mkl", StringComparison.OrdinalIgnoreCase))
                .Distinct()
                .ToList();
        }
    }

    /// <summary>OpenBLAS's own description (version, target core), or empty when it is not the loaded BLAS.</summary>
    public static string OpenBlasConfig => Native.TakeString(NativeMethods.tt_openblas_config());

    /// <summary>True when an optimized BLAS (OpenBLAS, MKL, BLIS) is loaded rather than the reference BLAS.</summary>
    public static bool HasOptimizedBlas =>
        OpenBlasConfig.Length > 0 ||
        BlasLibraries.Any(p => p.Contains("openblas", StringComparison.OrdinalIgnoreCase) ||
                               p.Contains("mkl", StringComparison.OrdinalIgnoreCase) ||
                               p.Contains("blis", StringComparison.OrdinalIgnoreCase));

    private static int? EnvInt(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out int v) && v > 0 ? v : null;
}
