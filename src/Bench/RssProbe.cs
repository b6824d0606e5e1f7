namespace Trainer.Bench;

/// <summary>This process's resident memory from /proc/self/status (Linux); -1 where it cannot be read.</summary>
public static class RssProbe
{
    /// <summary>Peak resident set size in bytes (VmHWM) since start or since the last <see cref="ResetPeak"/>.</summary>
    public static long PeakBytes() => ReadKb("VmHWM:") is long kb and >= 0 ? kb * 1024 : -1;

    /// <summary>Current resident set size in bytes (VmRSS).</summary>
    public static long CurrentBytes() => ReadKb("VmRSS:") is long kb and >= 0 ? kb * 1024 : -1;

    /// <summary>Resets VmHWM to the current RSS (writes 5 to /proc/self/clear_refs); false where not allowed.</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long ReadKb(string key)
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return -1;
        }

        foreach (string line in File.ReadLines(status))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.TryParse(parts[1], out long kb) ? kb : -1;
            }
        }

        return -1;
    }
}
