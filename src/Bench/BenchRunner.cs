using System.Diagnostics;
using Trainer.Torch;

namespace Trainer.Bench;

/// <summary>
/// Runs workloads for ours (in process) and the peer (a python3-torch subprocess) under one thread setting.
/// Per workload: set up both sides (same seed), calibrate the iterations per round on ours so a round lasts about
/// <see cref="BenchOptions.RoundSeconds"/>, run one untimed warm-up round per side, then <see cref="BenchOptions.Rounds"/>
/// timed rounds alternating floor (if any), ours, peer, floor, ours, peer, ...; each side's per-round value is the
/// round's seconds per iteration in the workload's unit.
/// </summary>
public sealed class BenchRunner
{
    private readonly BenchOptions _options;
    private readonly TextWriter _progress;

    public BenchRunner(BenchOptions options, TextWriter? progress = null)
    {
        _options = options;
        _progress = progress ?? TextWriter.Null;
    }

    /// <summary>Runs every workload under <paramref name="threads"/>; returns one or two rows per workload
    /// (the second is the overhead above the native floor, for workloads with a floor).</summary>
    public IReadOnlyList<BenchResult> Run(IEnumerable<Func<Workload>> workloads, ThreadSetting threads)
    {
        Runtime.SetThreads(threads.Torch, threads.Blas);
        var rows = new List<BenchResult>();
        // One peer process per script, started on first use; a script that cannot start is not retried.
        var peers = new Dictionary<string, (PeerProcess? Peer, string? Error)>();
        try
        {
            foreach (Func<Workload> make in workloads)
            {
                using Workload work = make();
                if (!peers.TryGetValue(work.PeerScript, out var peer) || (peer.Peer is null && peer.Error is null))
                {
                    peer = StartPeer(work.PeerScript, threads);
                    peers[work.PeerScript] = peer;
                }

                (BenchResult row, bool peerFailed) = RunOne(work, peer.Peer, peer.Error, threads);
                rows.Add(row);
                if (work.HasFloor)
                {
                    rows.Add(OverheadRow(row, work));
                }

                if (peerFailed)
                {
                    peer.Peer?.Dispose();
                    peers[work.PeerScript] = (null, null); // try a fresh peer for the next workload
                }
            }
        }
        finally
        {
            foreach ((PeerProcess? peer, string? _) in peers.Values)
            {
                peer?.Dispose();
            }
        }

        return rows;
    }

    private (PeerProcess? Peer, string? Error) StartPeer(string script, ThreadSetting threads)
    {
        try
        {
            PeerProcess peer = PeerProcess.Start(script, threads.Torch, threads.Blas);
            _progress.WriteLine($"peer: {PeerProcess.Interpreter} torch {peer.TorchVersion}, threads {peer.TorchThreads}, OpenBLAS threads {peer.BlasThreads}, kernels {peer.BlasCore}");
            return (peer, null);
        }
        catch (PeerException e)
        {
            _progress.WriteLine($"PEER UNAVAILABLE, ours only: {e.Message}");
            return (null, e.Message);
        }
    }

    private (BenchResult Row, bool PeerFailed) RunOne(Workload work, PeerProcess? peer, string? peerError, ThreadSetting threads)
    {
        _progress.WriteLine($"{work.Name} [{threads}]: {work.Description}");
        RssProbe.ResetPeak();
        work.Setup();
        double oursCheck = work.Checksum();
        double peerCheck = double.NaN;
        bool peerFailed = false;
        try
        {
            peerCheck = peer?.Setup(work.Name) ?? double.NaN;
        }
        catch (PeerException e)
        {
            (peerError, peerFailed, peer) = (e.Message, true, null);
        }

        long n = Calibrate(work);
        WarmUp(work, peer, n);
        long rssAfterWarmUp = RssProbe.CurrentBytes();
        var rounds = new RoundSeries();
        var layers = work.Layers;
        var layerValues = layers.Select(_ => new List<double>()).ToList();
        for (int r = 0; r < _options.Rounds; r++)
        {
            Settle();
            if (work.HasFloor)
            {
                rounds.Floor.Add(work.ToUnit(work.RunFloor(n) / n));
            }

            for (int l = 0; l < layers.Count; l++)
            {
                layerValues[l].Add(work.ToUnit(layers[l].Seconds(n) / n));
            }

            Settle();
            rounds.Ours.Add(work.ToUnit(TimeOurs(work, n) / n));
            if (peer is not null && !peerFailed)
            {
                try
                {
                    rounds.Peer.Add(work.ToUnit(peer.Run(n) / n));
                }
                catch (PeerException e)
                {
                    (peerError, peerFailed) = (e.Message, true);
                }
            }
        }

        long growth = RssProbe.CurrentBytes() - rssAfterWarmUp;
        long peerRss = peer is not null && !peerFailed ? SafePeerRss(peer) : -1;
        var row = new BenchResult
        {
            Name = work.Name,
            Description = work.Description,
            Unit = work.Unit,
            Better = work.Better,
            Threads = threads,
            Rounds = _options.Rounds,
            Iterations = n,
            Ours = Summary.Of(rounds.Ours),
            Peer = rounds.Peer.Count == _options.Rounds ? Summary.Of(rounds.Peer) : null,
            PeerError = rounds.Peer.Count == _options.Rounds ? null : peerError ?? "the peer did not run",
            Floor = rounds.Floor.Count > 0 ? Summary.Of(rounds.Floor) : null,
            Target = work.Target,
            OursPeakRssBytes = RssProbe.PeakBytes(),
            PeerPeakRssBytes = peerRss,
            OursRssGrowthBytes = growth,
            OursCheck = oursCheck,
            PeerCheck = peerCheck,
            FloorRounds = rounds.Floor,
            OursRounds = rounds.Ours,
            PeerRounds = rounds.Peer,
            Layers = layers.Select((l, i) => (l.Name, Summary.Of(layerValues[i]))).ToList(),
            LoadAverage = MachineInfo.LoadAverage(),
        };
        _progress.WriteLine(ResultTable.OneLine(row));
        return (row, peerFailed);
    }

    /// <summary>
    /// Iterations per round so that one round of ours lasts about RoundSeconds, or the workload's
    /// <see cref="Workload.MinRoundSeconds"/> if that is longer (at least 1).
    /// </summary>
    private long Calibrate(Workload work)
    {
        double roundSeconds = Math.Max(_options.RoundSeconds, work.MinRoundSeconds);
        long n = 1;
        double seconds = TimeOurs(work, n);
        double enough = Math.Min(0.05, roundSeconds / 2);
        while (seconds < enough && n < (1L << 40))
        {
            n *= 4;
            seconds = TimeOurs(work, n);
        }

        return Math.Max(1, (long)Math.Round(n * roundSeconds / seconds));
    }

    private static void WarmUp(Workload work, PeerProcess? peer, long n)
    {
        if (work.HasFloor)
        {
            work.RunFloor(n);
        }

        foreach ((string _, Func<long, double> seconds) in work.Layers)
        {
            seconds(n);
        }

        work.Run(n);
        try
        {
            peer?.Run(n);
        }
        catch (PeerException)
        {
            // Reported by the first timed round, which fails the same way.
        }
    }

    /// <summary>Waits so the other side's spinning BLAS workers go to sleep before this side's turn.</summary>
    private void Settle()
    {
        if (_options.SettleSeconds > 0)
        {
            Thread.Sleep(TimeSpan.FromSeconds(_options.SettleSeconds));
        }
    }

    private static double TimeOurs(Workload work, long n)
    {
        long start = Stopwatch.GetTimestamp();
        work.Run(n);
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static long SafePeerRss(PeerProcess peer)
    {
        try
        {
            return peer.PeakRssBytes();
        }
        catch (PeerException)
        {
            return -1;
        }
    }

    /// <summary>The row "name-overhead": each side's per-round value minus the same round's native floor.</summary>
    private static BenchResult OverheadRow(BenchResult row, Workload work)
    {
        IReadOnlyList<double> floor = row.FloorRounds;
        List<double> ours = row.OursRounds.Select((v, i) => v - floor[i]).ToList();
        List<double> peer = row.PeerRounds.Select((v, i) => v - floor[i]).ToList();
        return row with
        {
            Name = row.Name + "-overhead",
            Description = "time above the native floor (same op looped in C++): " + row.Description,
            Ours = Summary.Of(ours),
            Peer = row.Peer is null ? null : Summary.Of(peer),
            Target = work.OverheadTarget,
            Layers = Array.Empty<(string, Summary)>(),
            OursRounds = ours,
            PeerRounds = peer,
        };
    }

    private sealed class RoundSeries
    {
        public List<double> Floor { get; } = new();

        public List<double> Ours { get; } = new();

        public List<double> Peer { get; } = new();
    }
}
