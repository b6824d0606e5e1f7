using System.Diagnostics;
using Trainer.Torch.Interop;

namespace Trainer.Torch.Distributed;

// Rendezvous: the same store layout and barrier as torch.distributed.init_process_group in PyTorch 1.13, so C# and
// Python ranks can form one group.
public sealed partial class ProcessGroup
{
    /// <summary>The key prefix Python gives the default group's store (<c>PrefixStore("default_pg", store)</c>).</summary>
    public const string DefaultGroupPrefix = "default_pg";

    /// <summary>The default group's name, the prefix of its own keys (Python's first <c>_group_count</c>).</summary>
    public const string DefaultGroupName = "0";

    /// <summary>The store-based barrier key Python uses after creating its first group.</summary>
    public const string InitBarrierKey = "store_based_barrier_key:1";

    /// <summary>True when the native library was built with c10d/Gloo (Debian's libgloo-dev present at build time).</summary>
    public static bool is_available() => NativeMethods.tt_dist_available() == 1;

    /// <summary>
    /// Joins the default process group, like <c>torch.distributed.init_process_group("gloo", init_method, rank,
    /// world_size)</c>: <paramref name="initMethod"/> is <c>tcp://host:port</c> (rank 0 hosts the TCP store there) or
    /// <c>env://</c> (MASTER_ADDR, MASTER_PORT, and RANK/WORLD_SIZE when those arguments are -1).
    /// Blocks until all <paramref name="worldSize"/> ranks arrived or the timeout passed.
    /// </summary>
    public static ProcessGroup init_process_group(string initMethod, int rank = -1, int worldSize = -1, ProcessGroupOptions? options = null)
    {
        options ??= new ProcessGroupOptions();
        var (host, port, r, w) = ParseInitMethod(initMethod, rank, worldSize);
        RequireAvailable();
        using var tcp = new TcpStore(host, port, w, isServer: r == 0, options.Timeout);
        tcp.set_timeout(options.Timeout);
        return Create(tcp, r, w, options);
    }

    /// <summary>Joins with torchrun's environment variables (see <see cref="LaunchEnvironment"/>).</summary>
    public static ProcessGroup init_process_group(LaunchEnvironment env, ProcessGroupOptions? options = null) =>
        init_process_group(env.InitMethod, env.Rank, env.WorldSize, options);

    /// <summary>
    /// Builds the default group on an existing store, mirroring Python: the group's store is
    /// <c>PrefixStore("0", PrefixStore("default_pg", store))</c>, then every rank does
    /// <c>add("store_based_barrier_key:1", 1)</c> on the "default_pg" store and waits until the count is the world
    /// size, then the group's sequence number is set.
    /// </summary>
    public static ProcessGroup Create(Store store, int rank, int worldSize, ProcessGroupOptions? options = null)
    {
        options ??= new ProcessGroupOptions();
        RequireAvailable();
        var defaultStore = new PrefixStore(DefaultGroupPrefix, store);
        try
        {
            using var groupStore = new PrefixStore(DefaultGroupName, defaultStore);
            string? iface = options.Interface ?? Environment.GetEnvironmentVariable("GLOO_SOCKET_IFNAME");
            iface = iface?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            IntPtr h = NativeMethods.tt_dist_gloo_new(groupStore.Native.Ptr, rank, worldSize,
                Store.Millis(options.Timeout), iface, options.Hostname, options.Threads);
            if (h == IntPtr.Zero)
            {
                throw new TorchException($"rendezvous failed on rank {rank} of {worldSize} while connecting the Gloo process group " +
                    $"(did every rank start, and can each reach the others?): {Interop.Native.LastError()}");
            }

            var group = new ProcessGroup(h, defaultStore, options);
            try
            {
                StoreBarrier(defaultStore, worldSize, options.Timeout, rank);
                Interop.Native.Check(NativeMethods.tt_dist_set_sequence_number(h));
                return group;
            }
            catch
            {
                group.Dispose();
                throw;
            }
        }
        catch
        {
            defaultStore.Dispose();
            throw;
        }
    }

    private static void StoreBarrier(Store store, int worldSize, TimeSpan timeout, int rank)
    {
        store.add(InitBarrierKey, 1);
        var sw = Stopwatch.StartNew();
        long arrived;
        while ((arrived = store.add(InitBarrierKey, 0)) != worldSize)
        {
            if (sw.Elapsed > timeout)
            {
                throw new TorchException($"rank {rank}: timed out after {timeout.TotalSeconds:G4} s waiting for all ranks " +
                    $"to join the process group ({arrived} of {worldSize} arrived)");
            }

            Thread.Sleep(10);
        }
    }

    private static void RequireAvailable()
    {
        if (!is_available())
        {
            throw new TorchException("built without c10d/Gloo: install libgloo-dev and rebuild (bash scripts/build-native.sh)");
        }
    }

    /// <summary>Parses <c>tcp://host:port</c> or <c>env://</c> into the store address, the rank and the world size.</summary>
    internal static (string Host, int Port, int Rank, int WorldSize) ParseInitMethod(string initMethod, int rank, int worldSize)
    {
        if (initMethod.StartsWith("env://", StringComparison.Ordinal))
        {
            LaunchEnvironment env = LaunchEnvironment.FromEnvironment()
                ?? throw new ArgumentException("init_method env:// needs WORLD_SIZE, RANK, MASTER_ADDR and MASTER_PORT in the environment");
            return (env.MasterAddr, env.MasterPort, rank >= 0 ? rank : env.Rank, worldSize > 0 ? worldSize : env.WorldSize);
        }

        if (!Uri.TryCreate(initMethod, UriKind.Absolute, out Uri? uri) || uri.Scheme != "tcp" || uri.Port <= 0)
        {
            throw new ArgumentException($"init_method must be tcp://host:port or env://, got '{initMethod}'");
        }

        if (rank < 0 || worldSize < 1 || rank >= worldSize)
        {
            throw new ArgumentException($"tcp:// rendezvous needs 0 <= rank < world_size, got rank {rank}, world_size {worldSize}");
        }

        return (uri.Host.Trim('[', ']'), uri.Port, rank, worldSize);
    }
}
