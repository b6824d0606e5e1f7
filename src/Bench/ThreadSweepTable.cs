namespace Trainer.Bench;

/// <summary>
/// The thread-policy table: one line per workload, one column per (torch, blas) setting with "ours / pytorch"
/// medians, and the best setting of each side.
/// </summary>
public static class ThreadSweepTable
{
    /// <summary>Writes the pivot of <paramref name="rows"/> (overhead rows are left out).</summary>
    public static void Write(IReadOnlyList<BenchResult> rows, TextWriter output)
    {
        var main = rows.Where(r => !r.Name.EndsWith("-overhead", StringComparison.Ordinal)).ToList();
        List<ThreadSetting> settings = main.Select(r => r.Threads).Distinct().ToList();
        List<string> names = main.Select(r => r.Name).Distinct().ToList();
        var header = new List<string> { "workload (ours / pytorch)" };
        header.AddRange(settings.Select(s => $"t={s.Torch},b={s.Blas}"));
        header.Add("best ours");
        header.Add("best pytorch");

        var lines = new List<string[]>();
        foreach (string name in names)
        {
            var byName = main.Where(r => r.Name == name).ToList();
            var cells = new List<string> { $"{name} ({byName[0].Unit})" };
            foreach (ThreadSetting s in settings)
            {
                BenchResult? r = byName.FirstOrDefault(x => x.Threads == s);
                cells.Add(r is null ? "-" : $"{NumberFormat.Short(r.Ours.Median)} / {(r.Peer is null ? "-" : NumberFormat.Short(r.Peer.Median))}");
            }

            cells.Add(Best(byName, r => r.Ours.Median));
            cells.Add(Best(byName.Where(r => r.Peer is not null).ToList(), r => r.Peer!.Median));
            lines.Add(cells.ToArray());
        }

        int[] widths = header.Select((h, i) => Math.Max(h.Length, lines.Select(l => l[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        output.WriteLine("thread sweep (medians; t = libtorch threads, b = OpenBLAS threads):");
        output.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (string[] l in lines)
        {
            output.WriteLine(string.Join("  ", l.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }
    }

    private static string Best(IReadOnlyList<BenchResult> rows, Func<BenchResult, double> value)
    {
        if (rows.Count == 0)
        {
            return "-";
        }

        BenchResult best = rows[0].Better == Better.Lower ? rows.MinBy(value)! : rows.MaxBy(value)!;
        return $"t={best.Threads.Torch},b={best.Threads.Blas}";
    }
}
