using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Trainer.Torch.Distributed;

namespace Trainer.Cli.Distributed;

/// <summary>
/// <c>trainer train --nproc N ...</c>: starts N worker processes of this same program with the rest of the command
/// line and torchrun's variables (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT), lets them share this
/// terminal, and waits. When a worker fails, the others get a few seconds to fail on their own (their collectives
/// break when a peer's sockets close) and are then killed; the exit code is the first failure's. Ctrl+C reaches the
/// workers directly from the terminal; a SIGTERM sent to the launcher alone is passed on to them.
/// </summary>
internal static class Launcher
{
    private const string BlasVar = "TRAINER_BLAS_THREADS";
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    public static int Run(LaunchPlan plan, IReadOnlyList<string> workerArgs, TextWriter log)
    {
        int port = plan.MasterPort ?? FreePort();
        var threads = ThreadShare(plan.NProc);
        log.WriteLine($"launching {plan.NProc} worker(s) (ranks {plan.RankOf(0)}..{plan.RankOf(plan.NProc - 1)} of {plan.WorldSize}), " +
            $"store at {plan.MasterAddr}:{port}" + (threads.Count > 0 ? $", {BlasVar}={threads[BlasVar]} each" : ""));
        var workers = new List<(int Rank, Process Process)>();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            workers.ForEach(w => Signal(w.Process, "TERM"));
        });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = true); // workers got it too
        try
        {
            for (int local = 0; local < plan.NProc; local++)
            {
                var env = new LaunchEnvironment(plan.RankOf(local), plan.WorldSize, local, plan.MasterAddr, port);
                workers.Add((env.Rank, Start(env, threads, workerArgs)));
            }

            return Wait(workers, log);
        }
        finally
        {
            foreach (var (_, p) in workers)
            {
                p.Dispose();
            }
        }
    }

    private static int Wait(List<(int Rank, Process Process)> workers, TextWriter log)
    {
        int exit = 0;
        DateTime? killAt = null;
        var running = new List<(int Rank, Process Process)>(workers);
        while (running.Count > 0)
        {
            foreach (var w in running.Where(w => w.Process.HasExited).ToList())
            {
                running.Remove(w);
                int code = w.Process.ExitCode;
                if (code != 0 && exit == 0)
                {
                    exit = code;
                    killAt = DateTime.UtcNow + Grace;
                    log.WriteLine($"worker rank {w.Rank} exited with code {code}; stopping the others");
                }
            }

            if (killAt is { } t && DateTime.UtcNow >= t)
            {
                foreach (var (rank, p) in running)
                {
                    log.WriteLine($"killing worker rank {rank}");
                    p.Kill(entireProcessTree: true);
                }

                killAt = null;
            }

            Thread.Sleep(50);
        }

        return exit;
    }

    /// <summary>
    /// Like torchrun (which sets OMP_NUM_THREADS=1), the workers share the cores instead of each taking all of them:
    /// TRAINER_BLAS_THREADS = max(1, cores / nproc), unless the user set it.
    /// </summary>
    private static Dictionary<string, string> ThreadShare(int nproc)
    {
        var vars = new Dictionary<string, string>();
        if (nproc > 1 && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(BlasVar)))
        {
            vars[BlasVar] = Math.Max(1, Environment.ProcessorCount / nproc).ToString(CultureInfo.InvariantCulture);
        }

        return vars;
    }

    private static Process Start(LaunchEnvironment env, IReadOnlyDictionary<string, string> extra, IReadOnlyList<string> args)
    {
        var (exe, prefix) = SelfCommand();
        var psi = new ProcessStartInfo(exe) { UseShellExecute = false };
        foreach (string a in prefix.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env.ToVariables().Concat(extra))
        {
            psi.Environment[k] = v;
        }

        return Process.Start(psi) ?? throw new InvalidOperationException($"could not start worker rank {env.Rank}");
    }

    /// <summary>How to start this program again: the apphost, or <c>dotnet trainer.dll</c>.</summary>
    internal static (string Exe, string[] Prefix) SelfCommand()
    {
        string exe = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell this program's path");
        bool viaDotnet = Path.GetFileNameWithoutExtension(exe) == "dotnet";
        string dll = typeof(Launcher).Assembly.Location;
        return viaDotnet ? (exe, new[] { dll }) : (exe, Array.Empty<string>());
    }

    /// <summary>The command line minus the launcher's own options (<c>--nproc 2</c> or <c>--nproc=2</c>).</summary>
    internal static string[] WorkerArgs(IReadOnlyList<string> args)
    {
        var kept = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (DistributedOptions.LauncherOnly.Contains(a))
            {
                i++; // its value
            }
            else if (!DistributedOptions.LauncherOnly.Any(o => a.StartsWith(o + "=", StringComparison.Ordinal)))
            {
                kept.Add(a);
            }
        }

        return kept.ToArray();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static void Signal(Process p, string signal)
    {
        try
        {
            using var kill = Process.Start("kill", new[] { "-" + signal, p.Id.ToString(CultureInfo.InvariantCulture) });
            kill?.WaitForExit(2000);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // already gone
        }
    }
}
