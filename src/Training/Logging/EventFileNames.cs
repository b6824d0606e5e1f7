using System.Globalization;

namespace Trainer.Training.Logging;

/// <summary>
/// Event file names as TensorBoard and PyTorch write them:
/// <c>events.out.tfevents.&lt;unix seconds, 10 digits&gt;.&lt;host&gt;.&lt;pid&gt;.&lt;n&gt;</c>, n counting files
/// opened by this process.
/// </summary>
public static class EventFileNames
{
    /// <summary>The prefix TensorBoard looks for.</summary>
    public const string Prefix = "events.out.tfevents.";

    private static int _counter = -1;

    /// <summary>A fresh file name for a file opened at <paramref name="wallTime"/> (Unix seconds).</summary>
    public static string Next(double wallTime, string suffix = "")
    {
        var n = Interlocked.Increment(ref _counter);
        var seconds = ((long)Math.Floor(wallTime)).ToString("D10", CultureInfo.InvariantCulture);
        return $"{Prefix}{seconds}.{HostName()}.{Environment.ProcessId}.{n}{suffix}";
    }

    /// <summary>True when <paramref name="fileName"/> (no directory) looks like an event file.</summary>
    public static bool IsEventFile(string fileName) => fileName.StartsWith(Prefix, StringComparison.Ordinal);

    private static string HostName()
    {
        try
        {
            return System.Net.Dns.GetHostName();
        }
        catch (System.Net.Sockets.SocketException)
        {
            return Environment.MachineName;
        }
    }
}
