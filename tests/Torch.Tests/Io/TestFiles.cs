using System.Runtime.CompilerServices;

namespace Trainer.Torch.Tests.Io;

/// <summary>Finds tests/fixtures/safetensors from the test binary or, failing that, from this source file.</summary>
internal static class TestFiles
{
    private const string Relative = "tests/fixtures/safetensors";
    private static readonly Lazy<string> s_fixtureDir = new(FindFixtureDir);

    public static string FixtureDir => s_fixtureDir.Value;

    public static string Fixture(string name) => Path.Combine(FixtureDir, name);

    private static string FindFixtureDir()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, ThisFileDir() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, Relative);
                if (File.Exists(Path.Combine(candidate, "st_io.py")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"cannot find {Relative}/st_io.py above {AppContext.BaseDirectory} or {ThisFileDir()}");
    }

    private static string ThisFileDir([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? ".";
}

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "trainer-st-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
