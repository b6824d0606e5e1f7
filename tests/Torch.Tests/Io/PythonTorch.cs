using System.Diagnostics;

namespace Trainer.Torch.Tests.Io;

/// <summary>Runs Debian's /usr/bin/python3 (with python3-torch and numpy) for the interop tests.</summary>
internal static class PythonTorch
{
    public const string Interpreter = "/usr/bin/python3";

    private static readonly Lazy<string?> s_missingReason = new(Probe);

    /// <summary>Null when python3 with torch and numpy is usable; otherwise a loud reason to skip.</summary>
    public static string? MissingReason => s_missingReason.Value;

    /// <summary>Runs the interpreter with <paramref name="arguments"/>; returns the exit code and stdout+stderr.</summary>
    public static (int ExitCode, string Output) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Interpreter}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Interpreter} {string.Join(' ', arguments)} ran over 120 s");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string? Probe()
    {
        const string install = "install them with: apt-get install -y --no-install-recommends python3-torch python3-numpy";
        if (!File.Exists(Interpreter))
        {
            return $"SKIPPED LOUDLY: {Interpreter} does not exist, so the safetensors Python interop tests did not run; {install}";
        }

        var (code, output) = Run("-c",
            "import importlib.util as u, sys; sys.exit(0 if u.find_spec('torch') and u.find_spec('numpy') else 3)");
        return code == 0
            ? null
            : $"SKIPPED LOUDLY: {Interpreter} lacks torch or numpy (exit {code}: {output.Trim()}), so the safetensors "
              + $"Python interop tests did not run; {install}";
    }
}

/// <summary>A fact that is skipped, with a loud reason, when python3-torch is not installed.</summary>
public sealed class PythonTorchFactAttribute : FactAttribute
{
    public PythonTorchFactAttribute()
    {
        if (PythonTorch.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
