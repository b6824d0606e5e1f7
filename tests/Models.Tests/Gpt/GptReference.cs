namespace Trainer.Models.Tests.Gpt;

/// <summary>
/// Runs tests/fixtures/gpt/gpt_reference.py (an independent PyTorch GPT) with Debian's /usr/bin/python3.
/// <see cref="MissingReason"/> says loudly why the parity tests are skipped when python3-torch is not installed.
/// </summary>
internal static class GptReference
{
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

    private static string? Probe() => Python.MissingModules("torch") is { } why
        ? "SKIPPED LOUDLY: the GPT parity tests against PyTorch did not run: " + why
        : null;

    private static (int code, string output) RunPython(string[] args)
    {
        ProcessResult r = Python.Run(args);
        return (r.ExitCode, r.Output);
    }

    private static string ScriptPath() => RepoFiles.Find(Script);
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
