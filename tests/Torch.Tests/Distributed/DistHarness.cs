using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Trainer.Torch.Distributed;

namespace Trainer.Torch.Tests.Distributed;

/// <summary>
/// Loopback process groups for tests: free ports, W ranks as W threads of this process (each with its own
/// <see cref="ProcessGroup"/>, as separate processes would have), and the fixture folder.
/// </summary>
internal static class DistHarness
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Null when Gloo is built in, else why the test is skipped (written to stderr, loudly).</summary>
    public static bool Unavailable([CallerMemberName] string test = "")
    {
        if (ProcessGroup.is_available())
        {
            return false;
        }

        Console.Error.WriteLine($"SKIPPED {test}: the native library was built without c10d/Gloo (install libgloo-dev, rebuild)");
        return true;
    }

    /// <summary>A port that was free a moment ago on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public static ProcessGroupOptions Options(double seconds = 20) =>
        new() { Timeout = TimeSpan.FromSeconds(seconds), Hostname = "127.0.0.1" };

    /// <summary>Runs <paramref name="body"/> as ranks 0..W-1 of one group on threads; returns the results by rank.</summary>
    public static T[] RunRanks<T>(int world, Func<ProcessGroup, T> body, double timeoutSeconds = 20)
    {
        int port = FreePort();
        var tasks = Enumerable.Range(0, world).Select(rank => Task.Factory.StartNew(() =>
        {
            using ProcessGroup pg = ProcessGroup.init_process_group($"tcp://127.0.0.1:{port}", rank, world, Options(timeoutSeconds));
            using var scope = torch.NewDisposeScope();
            return body(pg);
        }, TaskCreationOptions.LongRunning)).ToArray();
        Assert.True(Task.WaitAll(tasks, TimeSpan.FromSeconds(timeoutSeconds * 2)), "ranks did not finish in time");
        return tasks.Select(t => t.Result).ToArray();
    }

    public static string Fixture(string name)
    {
        foreach (string start in new[] { AppContext.BaseDirectory, ThisFileDir() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "tests", "fixtures", "dist", name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"tests/fixtures/dist/{name} not found above {AppContext.BaseDirectory}");
    }

    private static string ThisFileDir([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? ".";
}
