using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Trainer.Models.Tests.Gpt;

/// <summary>
/// Runs tests/fixtures/gpt/gpt_reference.py (an independent PyTorch GPT) with Debian's /usr/bin/python3.
/// <see cref="MissingReason"/> says loudly why the parity tests are skipped when python3-torch is not installed.
/// </summary>
internal static class GptReference
{
    public const string Interpreter = "/usr/bin/python3";
    private const string Script = "tests/fixtures/gpt/gpt_reference.py";
    private static readonly Lazy<string?> s_missing = new(Probe);

    public static string? MissingReason => s_missing.Value;

    /// <summary>Runs the script with arguments; throws with its output when it fails.</summary>
    public static void Run(params string[] args)
    {
        var (code, output) = RunPython([ScriptPath(), .. args]);
        if (code != 0)
        {
            throw new InvalidOperationException($"{Script} {string.Join(' ', args)} failed (exit {code}):\n{output}");
        }
    }

    private static string? Probe()
    {
        const string install = "install it with: apt-get install -y --no-install-recommends python3-torch";
        if (!File.Exists(Interpreter))
        {
            return $"SKIPPED LOUDLY: {Interpreter} does not exist, so the GPT parity tests against PyTorch did not run; {install}";
        }

        var (code, text) = RunPython(["-c", "import torch"]);
        return code == 0
            ? null
            : $"SKIPPED LOUDLY: {Interpreter} cannot import torch ({text.Trim()}), so the GPT parity tests against PyTorch did not run; {install}";
    }

    private static (int code, string output) RunPython(string[] args)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["OMP_NUM_THREADS"] = "1";
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process p = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Interpreter}");
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Interpreter} {string.Join(' ', args)} ran over 120 s");
        }

        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    private static string ScriptPath()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, ThisFileDir() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, Script);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"cannot find {Script} above {AppContext.BaseDirectory}");
    }

    private static string ThisFileDir([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? ".";
}

/// <summary>A theory skipped, with a loud reason, when python3-torch is not installed.</summary>
public sealed class GptReferenceTheoryAttribute : TheoryAttribute
{
    public GptReferenceTheoryAttribute()
    {
        if (GptReference.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
