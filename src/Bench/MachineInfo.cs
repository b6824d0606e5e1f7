using System.Runtime.InteropServices;
using Trainer.Torch;

namespace Trainer.Bench;

/// <summary>A one-paragraph description of the machine and engine, printed above the results.</summary>
public static class MachineInfo
{
    /// <summary>CPU model, cores, memory, OS, .NET, libtorch and BLAS.</summary>
    public static string Describe()
    {
        string blas = Runtime.OpenBlasConfig;
        if (blas.Length == 0)
        {
            blas = string.Join(", ", Runtime.BlasLibraries.Select(Path.GetFileName));
        }

        return $"machine: {CpuModel()}, {Environment.ProcessorCount} cores, {MemoryGb()} GB RAM, {RuntimeInformation.OSDescription}\n" +
               $"engine: .NET {Environment.Version}, libtorch {torch.__version__}, BLAS {blas}\n" +
               $"peer: {PeerProcess.Interpreter} (python3-torch), bench/python/engine_peer.py\n" +
               $"load average (1 min) at start: {LoadAverage():0.0} on {Environment.ProcessorCount} cores" +
               (LoadAverage() > Environment.ProcessorCount ? " -- the machine is busy; timings are contended" : "");
    }

    /// <summary>The 1-minute load average (/proc/loadavg), or NaN; above the core count, timings are contended.</summary>
    public static double LoadAverage()
    {
        const string loadavg = "/proc/loadavg";
        string[] parts = File.Exists(loadavg) ? File.ReadAllText(loadavg).Split(' ') : Array.Empty<string>();
        return parts.Length > 0 && double.TryParse(parts[0], System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
    }

    private static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        string? line = File.Exists(cpuinfo)
            ? File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            : null;
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string MemoryGb()
    {
        const string meminfo = "/proc/meminfo";
        string? line = File.Exists(meminfo) ? File.ReadLines(meminfo).FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        if (line is null || !long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out long kb))
        {
            return "?";
        }

        return (kb / (1024.0 * 1024.0)).ToString("F0", System.Globalization.CultureInfo.InvariantCulture);
    }
}
