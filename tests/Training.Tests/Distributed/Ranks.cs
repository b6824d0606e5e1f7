using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Trainer.Torch;
using Trainer.Torch.Distributed;

namespace Trainer.Training.Tests.Distributed;

/// <summary>W ranks of one Gloo group on loopback, as threads of the test process (each with its own group).</summary>
internal static class Ranks
{
    public static bool Unavailable([CallerMemberName] string test = "")
    {
        if (ProcessGroup.is_available())
        {
            return false;
        }

        Console.Error.WriteLine($"SKIPPED {test}: the native library was built without c10d/Gloo (install libgloo-dev, rebuild)");
        return true;
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public static T[] Run<T>(int world, Func<ProcessGroup, T> body)
    {
        int port = FreePort();
        var options = new ProcessGroupOptions { Timeout = TimeSpan.FromSeconds(30), Hostname = "127.0.0.1" };
        var tasks = Enumerable.Range(0, world).Select(rank => Task.Factory.StartNew(() =>
        {
            using ProcessGroup pg = ProcessGroup.init_process_group($"tcp://127.0.0.1:{port}", rank, world, options);
            using var scope = torch.NewDisposeScope();
            return body(pg);
        }, TaskCreationOptions.LongRunning)).ToArray();
        Assert.True(Task.WaitAll(tasks, TimeSpan.FromSeconds(60)), "ranks did not finish in time");
        return tasks.Select(t => t.Result).ToArray();
    }
}
