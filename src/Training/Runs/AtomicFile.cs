using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Trainer.Training.Runs;

/// <summary>
/// Replaces a file all at once: the bytes go to a temp file in the same folder (<c>.name.pid.random.tmp</c>), are
/// flushed to disk (<c>fsync</c> via <see cref="FileStream.Flush(bool)"/>), and the temp file is renamed over the
/// target. rename(2) is atomic, so a reader (or a process killed at any moment) sees either the whole old file or
/// the whole new one, never a mix. A writer that throws leaves the old file untouched and removes its temp file.
/// The folder itself is not fsynced (.NET cannot open a directory handle), so the rename is safe against a killed
/// process but, on some file systems, not against a power cut.
/// </summary>
public static class AtomicFile
{
    private const string TempSuffix = ".tmp";

    /// <summary>Replaces <paramref name="path"/> with <paramref name="bytes"/>.</summary>
    public static void Write(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    /// <summary>Replaces <paramref name="path"/> with UTF-8 text (no byte-order mark).</summary>
    public static void WriteText(string path, string text) =>
        Write(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));

    /// <summary>Replaces <paramref name="path"/> with whatever <paramref name="write"/> writes to the stream.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(folder, TempName(Path.GetFileName(full)));
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Deletes temp files that a killed writer left in <paramref name="folder"/> (those whose process is gone);
    /// returns how many were removed. Temp files of live processes are kept: they may still be renamed.
    /// </summary>
    public static int RemoveLeftovers(string folder)
    {
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "." + "*" + TempSuffix))
        {
            var pid = OwnerPid(Path.GetFileName(file));
            if (pid is not null && !IsAlive(pid.Value) && TryDelete(file))
            {
                removed++;
            }
        }
        return removed;
    }

    /// <summary>True when <paramref name="fileName"/> has the form of an AtomicFile temp name.</summary>
    public static bool IsTempName(string fileName) => OwnerPid(fileName) is not null;

    private static string TempName(string target) =>
        $".{target}.{Environment.ProcessId}.{Guid.NewGuid().ToString("N")[..8]}{TempSuffix}";

    // ".name.pid.random.tmp" -> pid
    private static int? OwnerPid(string fileName)
    {
        if (!fileName.StartsWith('.') || !fileName.EndsWith(TempSuffix, StringComparison.Ordinal))
        {
            return null;
        }
        var parts = fileName[..^TempSuffix.Length].Split('.');
        return parts.Length >= 4 && parts[^1].Length == 8
            && int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : null;
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryDelete(string file)
    {
        try
        {
            File.Delete(file);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
