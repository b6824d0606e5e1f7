using System.Collections.Concurrent;

namespace Trainer.Tests.Shared;

/// <summary>
/// Debian's <c>/usr/bin/python3</c> as an independent reference (python3-torch, numpy, scipy, networkx, sklearn,
/// gensim are installed by scripts/setup.sh). Tests that need it skip loudly, with <see cref="MissingModules"/>'s
/// reason, where it is absent. One OpenMP and one OpenBLAS thread, so references do not fight the test run for cores.
/// </summary>
internal static class Python
{
    /// <summary>The interpreter (not the pyenv one that may come first on PATH).</summary>
    public const string Interpreter = "/usr/bin/python3";

    private static readonly ConcurrentDictionary<string, string?> Missing = new();

    private static readonly IReadOnlyDictionary<string, string> Env = new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "1", ["OPENBLAS_NUM_THREADS"] = "1" };

    /// <summary>Runs the interpreter with <paramref name="arguments"/> (a script path and its arguments, or "-c", code).</summary>
    public static ProcessResult Run(IEnumerable<string> arguments, string? stdin = null, TimeSpan? timeout = null, string? workingDirectory = null) =>
        ExternalProcess.Run(Interpreter, arguments, stdin, timeout, Env, workingDirectory);

    /// <summary>Runs <paramref name="code"/> read from standard input ("python3 -").</summary>
    public static ProcessResult RunCode(string code, TimeSpan? timeout = null, string? workingDirectory = null) =>
        Run(new[] { "-" }, code, timeout, workingDirectory);

    /// <summary>
    /// Null when the interpreter exists and imports every module of <paramref name="modules"/>; otherwise why not, with
    /// the install command (cached per module list).
    /// </summary>
    public static string? MissingModules(params string[] modules) =>
        Missing.GetOrAdd(string.Join(",", modules), _ => Probe(modules));

    private static string? Probe(string[] modules)
    {
        string packages = string.Join(' ', modules.Select(m => "python3-" + m));
        if (!File.Exists(Interpreter))
        {
            return $"{Interpreter} does not exist; install it with: apt-get install -y python3 {packages} (scripts/setup.sh does)";
        }

        // find_spec locates the packages without importing them (importing torch takes seconds).
        string names = string.Join(", ", modules.Select(m => $"'{m}'"));
        ProcessResult r = Run(new[] { "-c", $"import importlib.util as u, sys; m = [n for n in ({names},) if u.find_spec(n) is None]; print(' '.join(m)); sys.exit(3 if m else 0)" },
            timeout: TimeSpan.FromSeconds(60));
        return r.ExitCode == 0
            ? null
            : $"{Interpreter} lacks {(r.Stdout.Trim().Length > 0 ? r.Stdout.Trim() : r.Stderr.Trim())}; install {packages} (scripts/setup.sh does)";
    }
}
