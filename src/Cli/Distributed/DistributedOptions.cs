using System.CommandLine;
using Trainer.Torch.Distributed;

namespace Trainer.Cli.Distributed;

/// <summary>
/// The distributed options of <c>trainer train</c>, torchrun's vocabulary: <c>--nproc N</c> starts N local workers
/// (with <c>--nnodes M --node-rank k</c> on each of M machines); <c>--rank</c>, <c>--world-size</c>,
/// <c>--master-addr</c>, <c>--master-port</c> (or the RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT variables) make this
/// process one worker of a run.
/// </summary>
internal sealed class DistributedOptions
{
    /// <summary>The options that only the launcher reads; they are removed from the workers' command lines.</summary>
    public static readonly string[] LauncherOnly = { "--nproc", "--nnodes", "--node-rank" };

    public Option<int> NProc { get; } = new("--nproc") { Description = "Start N local workers for data-parallel training (like torchrun --nproc-per-node)" };

    public Option<int> NNodes { get; } = new("--nnodes") { Description = "Machines taking part, each running --nproc workers", DefaultValueFactory = _ => 1 };

    public Option<int> NodeRank { get; } = new("--node-rank") { Description = "This machine's index among --nnodes (0 hosts the store)" };

    public Option<int?> Rank { get; } = new("--rank") { Description = "This worker's rank, 0..world-size-1 (or RANK)" };

    public Option<int?> WorldSize { get; } = new("--world-size") { Description = "Workers in the run over all machines (or WORLD_SIZE)" };

    public Option<string?> MasterAddr { get; } = new("--master-addr") { Description = "Address of rank 0, which hosts the TCP store (or MASTER_ADDR; default 127.0.0.1)" };

    public Option<int?> MasterPort { get; } = new("--master-port") { Description = "Port of rank 0's TCP store (or MASTER_PORT; default 29500, a free one with --nproc)" };

    public Option<double> Timeout { get; } = new("--dist-timeout") { Description = "Seconds a worker waits for the others (rendezvous, collectives) before failing", DefaultValueFactory = _ => 300 };

    public void AddTo(Command cmd)
    {
        foreach (Option o in new Option[] { NProc, NNodes, NodeRank, Rank, WorldSize, MasterAddr, MasterPort, Timeout })
        {
            cmd.Options.Add(o);
        }
    }

    /// <summary>Launcher settings when --nproc was given, else null.</summary>
    public LaunchPlan? Launch(ParseResult parse)
    {
        int nproc = parse.GetValue(NProc);
        if (nproc <= 0)
        {
            return null;
        }

        int nnodes = parse.GetValue(NNodes), node = parse.GetValue(NodeRank);
        if (nnodes < 1 || node < 0 || node >= nnodes)
        {
            throw new ArgumentException($"--node-rank must be in 0..{nnodes - 1} for --nnodes {nnodes}, got {node}");
        }

        string addr = parse.GetValue(MasterAddr) ?? Environment.GetEnvironmentVariable(LaunchEnvironment.MasterAddrVar) ?? "127.0.0.1";
        int? port = parse.GetValue(MasterPort);
        if (port is null && Environment.GetEnvironmentVariable(LaunchEnvironment.MasterPortVar) is { Length: > 0 } p)
        {
            port = int.Parse(p, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (nnodes > 1 && port is null)
        {
            port = LaunchEnvironment.DefaultPort; // every machine must agree on it
        }

        return new LaunchPlan(nproc, nnodes, node, addr, port);
    }

    /// <summary>This process's place in a run (options over environment), or null when it is not a worker.</summary>
    public LaunchEnvironment? Worker(ParseResult parse)
    {
        LaunchEnvironment? env = LaunchEnvironment.FromEnvironment();
        int? world = parse.GetValue(WorldSize) ?? env?.WorldSize;
        if (world is null)
        {
            if (parse.GetValue(Rank) is not null)
            {
                throw new ArgumentException("--rank needs --world-size (or WORLD_SIZE)");
            }

            return null;
        }

        int rank = parse.GetValue(Rank) ?? env?.Rank ?? throw new ArgumentException("--world-size needs --rank (or RANK)");
        return LaunchEnvironment.Validated(new LaunchEnvironment(
            rank,
            world.Value,
            env?.LocalRank ?? rank,
            parse.GetValue(MasterAddr) ?? env?.MasterAddr ?? "127.0.0.1",
            parse.GetValue(MasterPort) ?? env?.MasterPort ?? LaunchEnvironment.DefaultPort));
    }

    public TimeSpan WaitTimeout(ParseResult parse) => TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(Timeout)));
}

/// <summary>What <c>--nproc</c> asks for: N workers here, on machine k of M, rank 0's store at addr:port.</summary>
internal sealed record LaunchPlan(int NProc, int NNodes, int NodeRank, string MasterAddr, int? MasterPort)
{
    public int WorldSize => NProc * NNodes;

    /// <summary>The global rank of local worker <paramref name="local"/>: node_rank * nproc + local.</summary>
    public int RankOf(int local) => NodeRank * NProc + local;
}
