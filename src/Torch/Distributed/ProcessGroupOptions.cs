namespace Trainer.Torch.Distributed;

/// <summary>Settings of <see cref="ProcessGroup.init_process_group"/>; the defaults are PyTorch's.</summary>
public sealed record ProcessGroupOptions
{
    /// <summary>PyTorch's <c>default_pg_timeout</c>: 30 minutes.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long the rendezvous, a store read and a collective may wait for the other ranks before failing. A peer
    /// that exits closes its sockets, which fails the collectives at once; the timeout bounds the case of a peer
    /// that stays alive but stops participating.
    /// </summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>
    /// The network interface(s) Gloo binds to, comma-separated (PyTorch reads <c>GLOO_SOCKET_IFNAME</c>, and so does
    /// this when null). Only the first is used.
    /// </summary>
    public string? Interface { get; init; }

    /// <summary>
    /// The address Gloo binds to when no interface is given; null = Gloo's default (this host's name, falling back to
    /// loopback), which is what Python does.
    /// </summary>
    public string? Hostname { get; init; }

    /// <summary>Gloo worker threads (PyTorch uses 2 per device).</summary>
    public int Threads { get; init; } = 2;
}
