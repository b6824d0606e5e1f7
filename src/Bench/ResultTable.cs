using System.Globalization;

namespace Trainer.Bench;

/// <summary>Plain-text rendering of benchmark rows: one aligned table, then notes (floors, RSS, mismatches).</summary>
public static class ResultTable
{
    private static readonly string[] Headers =
    {
        "workload", "unit", "ours", "ours min..max", "pytorch", "pytorch min..max", "ratio", "better", "target", "met",
        "RSS MB ours/peer", "load",
    };

    /// <summary>Writes the table of <paramref name="rows"/> and the notes under it.</summary>
    public static void Write(IReadOnlyList<BenchResult> rows, TextWriter output)
    {
        var cells = rows.Select(Cells).ToList();
        int[] widths = Headers.Select((h, i) => Math.Max(h.Length, cells.Select(c => c[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        output.WriteLine(Line(Headers, widths));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (string[] c in cells)
        {
            output.WriteLine(Line(c, widths));
        }

        output.WriteLine("ratio = ours / pytorch of the medians; 'better' says whether lower or higher values win; " +
                         "load = 1-minute load average when the row finished.");
        foreach (BenchResult r in rows)
        {
            foreach (string note in Notes(r))
            {
                output.WriteLine($"  {r.Name}: {note}");
            }
        }
    }

    /// <summary>A one-line summary of a row, for progress output.</summary>
    public static string OneLine(BenchResult r) =>
        string.Create(CultureInfo.InvariantCulture,
            $"  ours {NumberFormat.Short(r.Ours.Median)} {r.Unit}, pytorch {(r.Peer is null ? "-" : NumberFormat.Short(r.Peer.Median))} {r.Unit}, ratio {NumberFormat.Ratio(r.Ratio)} ({r.Better.ToString().ToLowerInvariant()} is better), {r.Iterations} iterations x {r.Rounds} rounds");

    private static string[] Cells(BenchResult r) => new[]
    {
        r.Name,
        r.Unit,
        NumberFormat.Short(r.Ours.Median),
        Range(r.Ours),
        r.Peer is null ? "-" : NumberFormat.Short(r.Peer.Median),
        r.Peer is null ? "-" : Range(r.Peer),
        NumberFormat.Ratio(r.Ratio),
        r.Better.ToString().ToLowerInvariant(),
        r.Target?.Describe(r.Better) ?? "",
        r.Met switch { true => "yes", false => "NO", null => "" },
        $"{NumberFormat.Megabytes(r.OursPeakRssBytes)}/{NumberFormat.Megabytes(r.PeerPeakRssBytes)}",
        NumberFormat.Ratio(r.LoadAverage),
    };

    private static IEnumerable<string> Notes(BenchResult r)
    {
        if (r.Floor is not null && !r.Name.EndsWith("-overhead", StringComparison.Ordinal))
        {
            yield return $"native floor (the op looped in C++) {NumberFormat.Short(r.Floor.Median)} {r.Unit} " +
                         $"[{Range(r.Floor)}]";
        }

        foreach ((string name, Summary values) in r.Layers)
        {
            string above = r.Floor is null ? "" : $", {NumberFormat.Short(values.Median - r.Floor.Median)} above the floor";
            yield return $"layer '{name}' {NumberFormat.Short(values.Median)} {r.Unit} [{Range(values)}]{above}";
        }

        if (r.PeerError is not null)
        {
            yield return "PEER DID NOT RUN: " + r.PeerError;
        }

        if (!r.ChecksumsAgree)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"CHECKSUMS DIFFER (ours {r.OursCheck:R}, peer {r.PeerCheck:R}): the two sides may not do the same work");
        }

        if (Math.Abs(r.OursRssGrowthBytes) >= 1 << 20 && !r.Name.EndsWith("-overhead", StringComparison.Ordinal))
        {
            // Signed: with a small GC budget the heap can end the rounds below where the warm-up left it.
            string mb = (r.OursRssGrowthBytes / (1024.0 * 1024.0)).ToString("+0;-0", System.Globalization.CultureInfo.InvariantCulture);
            yield return $"ours' RSS changed by {mb} MB over the timed rounds";
        }
    }

    private static string Range(Summary s) => $"{NumberFormat.Short(s.Min)}..{NumberFormat.Short(s.Max)}";

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i is 0 or 1 or 7 or 8 or 9 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
}
