using System.Runtime.CompilerServices;

namespace Trainer.Tests.Shared;

/// <summary>Finds checked-in files (fixtures, scripts) from a test binary or a test source file, wherever the repository is.</summary>
internal static class RepoFiles
{
    /// <summary>
    /// The first existing <paramref name="relativePath"/> (e.g. "tests/fixtures/optim/optim_fixture.py") found by walking up
    /// from the test binary's folder, then from the calling source file's folder.
    /// </summary>
    public static string Find(string relativePath, [CallerFilePath] string callerFile = "")
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(callerFile) ?? "." })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, relativePath);
                if (File.Exists(candidate) || Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"cannot find {relativePath} above {AppContext.BaseDirectory} or the test sources");
    }

    /// <summary>The repository root (the folder holding Trainer.slnx).</summary>
    public static string Root([CallerFilePath] string callerFile = "") =>
        Path.GetDirectoryName(Find("Trainer.slnx", callerFile))!;
}
