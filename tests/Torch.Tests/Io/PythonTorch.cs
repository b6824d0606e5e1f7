namespace Trainer.Torch.Tests.Io;

/// <summary>Runs Debian's /usr/bin/python3 (with python3-torch and numpy) for the interop tests.</summary>
internal static class PythonTorch
{
    /// <summary>Null when python3 with torch and numpy is usable; otherwise a loud reason to skip.</summary>
    public static string? MissingReason => Python.MissingModules("torch", "numpy") is { } why
        ? "SKIPPED LOUDLY: the safetensors Python interop tests did not run: " + why
        : null;

    /// <summary>Runs the interpreter with <paramref name="arguments"/>; returns the exit code and stdout+stderr.</summary>
    public static (int ExitCode, string Output) Run(params string[] arguments)
    {
        ProcessResult r = Python.Run(arguments);
        return (r.ExitCode, r.Output);
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
