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
               $"peer: {PeerProcess.Interpreter} (python3-torch), bench/python/engine_peer.py";
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
