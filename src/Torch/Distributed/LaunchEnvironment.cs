using System.Globalization;

namespace Trainer.Torch.Distributed;

/// <summary>
/// Where a worker sits in a run, in torchrun's environment variables: <c>RANK</c> (0..W-1 over all machines),
/// <c>WORLD_SIZE</c> (W), <c>LOCAL_RANK</c> (index on this machine), <c>MASTER_ADDR</c> and <c>MASTER_PORT</c> (where
/// rank 0 hosts the TCP store). These are what <c>init_process_group(init_method="env://")</c> reads.
/// </summary>
public sealed record LaunchEnvironment(int Rank, int WorldSize, int LocalRank, string MasterAddr, int MasterPort)
{
    public const string RankVar = "RANK";
    public const string WorldSizeVar = "WORLD_SIZE";
    public const string LocalRankVar = "LOCAL_RANK";
    public const string MasterAddrVar = "MASTER_ADDR";
    public const string MasterPortVar = "MASTER_PORT";

    /// <summary>torchrun's default port.</summary>
    public const int DefaultPort = 29500;

    /// <summary>The init method for this environment: <c>tcp://MASTER_ADDR:MASTER_PORT</c>.</summary>
    public string InitMethod => $"tcp://{MasterAddr}:{MasterPort}";

    /// <summary>
    /// Reads the variables; null when <c>WORLD_SIZE</c> is unset (not a distributed launch). A set but malformed or
    /// inconsistent variable is an <see cref="ArgumentException"/> naming it.
    /// </summary>
    public static LaunchEnvironment? FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        string? world = read(WorldSizeVar);
        if (string.IsNullOrEmpty(world))
        {
            return null;
        }

        int w = Int(WorldSizeVar, world);
        int rank = Int(RankVar, read(RankVar) ?? throw Missing(RankVar));
        int local = read(LocalRankVar) is { Length: > 0 } l ? Int(LocalRankVar, l) : rank;
        string addr = read(MasterAddrVar) is { Length: > 0 } a ? a : "127.0.0.1";
        int port = read(MasterPortVar) is { Length: > 0 } p ? Int(MasterPortVar, p) : DefaultPort;
        return Validated(new LaunchEnvironment(rank, w, local, addr, port));
    }

    /// <summary>Checks 0 &lt;= rank &lt; world size, local rank &gt;= 0, a port in 1..65535.</summary>
    public static LaunchEnvironment Validated(LaunchEnvironment e)
    {
        if (e.WorldSize < 1)
        {
            throw new ArgumentException($"{WorldSizeVar} must be at least 1, got {e.WorldSize}");
        }

        if (e.Rank < 0 || e.Rank >= e.WorldSize)
        {
            throw new ArgumentException($"{RankVar} must be in 0..{e.WorldSize - 1} (WORLD_SIZE={e.WorldSize}), got {e.Rank}");
        }

        if (e.LocalRank < 0)
        {
            throw new ArgumentException($"{LocalRankVar} must be non-negative, got {e.LocalRank}");
        }

        if (e.MasterPort is < 1 or > 65535)
        {
            throw new ArgumentException($"{MasterPortVar} must be in 1..65535, got {e.MasterPort}");
        }

        return e;
    }

    /// <summary>The variables as a dictionary, for starting a worker process.</summary>
    public IReadOnlyDictionary<string, string> ToVariables() => new Dictionary<string, string>
    {
        [RankVar] = Rank.ToString(CultureInfo.InvariantCulture),
        [WorldSizeVar] = WorldSize.ToString(CultureInfo.InvariantCulture),
        [LocalRankVar] = LocalRank.ToString(CultureInfo.InvariantCulture),
        [MasterAddrVar] = MasterAddr,
        [MasterPortVar] = MasterPort.ToString(CultureInfo.InvariantCulture),
    };

    private static int Int(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
            ? v
            : throw new ArgumentException($"{name} must be an integer, got '{value}'");

    private static ArgumentException Missing(string name) =>
        new($"{name} is not set but {WorldSizeVar} is: set both (torchrun convention)");
}
