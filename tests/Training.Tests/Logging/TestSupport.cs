namespace Trainer.Training.Tests.Logging;

/// <summary>A unique temporary folder, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tb-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}

/// <summary>Independent references used by the tests (bit-at-a-time CRCs straight from the definitions).</summary>
internal static class Reference
{
    /// <summary>Bitwise reflected CRC-32 with init and final xor 0xFFFFFFFF.</summary>
    public static uint BitwiseCrc(ReadOnlySpan<byte> data, uint reflectedPolynomial)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) == 1 ? (crc >> 1) ^ reflectedPolynomial : crc >> 1;
            }
        }

        return ~crc;
    }

    public static uint Crc32C(ReadOnlySpan<byte> data) => BitwiseCrc(data, 0x82F63B78u);

    public static uint Crc32(ReadOnlySpan<byte> data) => BitwiseCrc(data, 0xEDB88320u);

    /// <summary>TFRecord masking as documented: rotate right 15 bits, add 0xa282ead8.</summary>
    public static uint Mask(uint crc) => unchecked(((crc >> 15) | (crc << 17)) + 0xa282ead8u);
}

/// <summary>Finds the fixtures folder next to the test sources (or copied to the output folder).</summary>
internal static class Fixtures
{
    public static string Dir => Locate();

    public static string File(string name) => System.IO.Path.Combine(Dir, name);

    private static string Locate() => RepoFiles.Find("tests/Training.Tests/Logging/fixtures");
}

/// <summary>Runs Debian's python3 (not another python3 on PATH) and protoc.</summary>
internal static class Tools
{
    public const string Python = Trainer.Tests.Shared.Python.Interpreter;

    /// <summary>Null when python3 + python3-protobuf + protoc are usable, else why not.</summary>
    public static string? WhyNoProtobuf => FindOnPath("protoc") is null
        ? "protoc not found (apt-get install protobuf-compiler)"
        : Trainer.Tests.Shared.Python.MissingModules("google.protobuf");

    /// <summary>Null when python3 + numpy are usable, else why not.</summary>
    public static string? WhyNoNumpy => Trainer.Tests.Shared.Python.MissingModules("numpy");

    /// <summary>Null when python3 exists.</summary>
    public static string? WhyNoPython => System.IO.File.Exists(Python) ? null : $"{Python} not found";

    public static (int Code, string Stdout, string Stderr) Run(string exe, IEnumerable<string> args, string? stdin = null)
    {
        ProcessResult r = ExternalProcess.Run(exe, args, stdin);
        return (r.ExitCode, r.Stdout, r.Stderr);
    }

    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => System.IO.Path.Combine(d, name))
            .FirstOrDefault(System.IO.File.Exists);
}

/// <summary>A fact that is skipped, with the reason, when python3-protobuf or protoc is missing.</summary>
internal sealed class ProtobufPythonFactAttribute : FactAttribute
{
    public ProtobufPythonFactAttribute()
    {
        if (Tools.WhyNoProtobuf is { } why)
        {
            Skip = "SKIPPED independent protobuf decode: " + why;
        }
    }
}

/// <summary>A fact that is skipped, with the reason, when python3 + numpy are missing.</summary>
internal sealed class NumpyFactAttribute : FactAttribute
{
    public NumpyFactAttribute()
    {
        if (Tools.WhyNoNumpy is { } why)
        {
            Skip = "SKIPPED numpy reference: " + why;
        }
    }
}

/// <summary>A fact that is skipped, with the reason, when /usr/bin/python3 is missing.</summary>
internal sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        if (Tools.WhyNoPython is { } why)
        {
            Skip = "SKIPPED python reference: " + why;
        }
    }
}
