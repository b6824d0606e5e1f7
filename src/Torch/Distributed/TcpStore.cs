using Trainer.Torch.Interop;

namespace Trainer.Torch.Distributed;

/// <summary>
/// c10d's TCP key-value store, as <c>torch.distributed.TCPStore</c>: rank 0 hosts the server
/// (<paramref name="isServer"/>) on <c>host:port</c>, every rank (rank 0 included) connects as a client. With
/// <paramref name="worldSize"/> given, the server waits until that many clients have connected (up to
/// <paramref name="timeout"/>), exactly like the store that <c>init_process_group("gloo", init_method="tcp://...")</c>
/// or <c>env://</c> creates, so C# and Python ranks can share one.
/// </summary>
public sealed class TcpStore : Store
{
    /// <param name="port">0 lets the server pick a free port; read it back from <see cref="Port"/>.</param>
    public TcpStore(string host, int port, int worldSize, bool isServer, TimeSpan timeout, bool waitForWorkers = true)
        : base(Create(host, port, worldSize, isServer, timeout, waitForWorkers))
    {
        Host = host;
    }

    public string Host { get; }

    /// <summary>The port the store uses (the one the server bound when 0 was asked for).</summary>
    public int Port => Interop.Native.Check(NativeMethods.tt_dist_tcp_store_port(Native.Ptr));

    private static IntPtr Create(string host, int port, int worldSize, bool isServer, TimeSpan timeout, bool wait)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        IntPtr h = NativeMethods.tt_dist_tcp_store_new(host, port, worldSize, isServer ? 1 : 0, wait ? 1 : 0, Millis(timeout));
        if (h == IntPtr.Zero)
        {
            string role = isServer ? $"host the store on port {port}" : $"reach the store at {host}:{port}";
            throw new TorchException($"rendezvous failed: could not {role} within {timeout.TotalSeconds:G4} s: {Interop.Native.LastError()}");
        }

        return h;
    }
}
