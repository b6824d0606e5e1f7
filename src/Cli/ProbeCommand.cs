using System.CommandLine;
using Trainer.Training.Probes;
using Trainer.Training.Reports;
using Trainer.Training.Runs;

namespace Trainer.Cli;

/// <summary><c>trainer probe &lt;run&gt;</c> and <c>trainer report &lt;run&gt;...</c>.</summary>
internal static class ProbeCommand
{
    public static Command BuildProbe()
    {
        var runs = new Argument<string[]>("runs") { Description = "Run folders (or 'latest')", Arity = ArgumentArity.OneOrMore };
        var runsDir = new Option<string>("--runs-dir") { Description = "Where run folders are", DefaultValueFactory = _ => "runs" };
        var best = new Option<bool>("--best") { Description = "Probe best.safetensors instead of ckpt.safetensors" };
        var cmd = new Command("probe", "Measure whether a run's memory is associative or geometric: writes probes.json, TensorBoard scalars and projector files into the run");
        cmd.Arguments.Add(runs);
        cmd.Options.Add(runsDir);
        cmd.Options.Add(best);
        cmd.SetAction(parse =>
        {
            foreach (string r in parse.GetValue(runs)!)
            {
                RunFolder run = RunFolder.Resolve(r, parse.GetValue(runsDir)!);
                ProbeResults res = ProbeRunner.Run(run, new ProbeOptions { Best = parse.GetValue(best) });
                Console.WriteLine(Summary(res));
                Console.WriteLine($"  wrote {run.File(ProbeRunner.FileName)}");
            }

            return 0;
        });
        return cmd;
    }

    public static Command BuildReport()
    {
        var runs = new Argument<string[]>("runs") { Description = "Run folders (or 'latest'); probed first if they have no probes.json", Arity = ArgumentArity.OneOrMore };
        var runsDir = new Option<string>("--runs-dir") { Description = "Where run folders are", DefaultValueFactory = _ => "runs" };
        var output = new Option<string?>("--out", "-o") { Description = "report.html path (default: report.html in the first run)" };
        var cmd = new Command("report", "Write a self-contained report.html (and report.md) comparing runs: curves, verdict table, spectral energy, distances, projections");
        cmd.Arguments.Add(runs);
        cmd.Options.Add(runsDir);
        cmd.Options.Add(output);
        cmd.SetAction(parse =>
        {
            var folders = parse.GetValue(runs)!.Select(r => RunFolder.Resolve(r, parse.GetValue(runsDir)!)).ToList();
            string html = parse.GetValue(output) ?? folders[0].File("report.html");
            ReportFiles files = ReportWriter.Write(folders, html);
            Console.WriteLine(File.ReadAllText(files.Markdown));
            Console.WriteLine($"report: {files.Html}");
            return 0;
        });
        return cmd;
    }

    public static string Summary(ProbeResults r)
    {
        var parts = new List<string> { $"{r.Run} ({r.ModelKind}): verdict {r.Verdict.Label}" };
        if (r.EdgeRecovery is { } e)
        {
            parts.Add($"top-{e.K} edge recovery {e.TopKRecovery:P1}");
        }

        if (r.GeometricLevel is { } g)
        {
            parts.Add($"edge cos {g.EdgeCos:F3} (random pairs {g.PairCos:F3})");
        }

        if (r.Spectral is { } s)
        {
            parts.Add($"smooth25 {s.Smooth25:F3} rough25 {s.Rough25:F3}");
        }

        return string.Join("; ", parts);
    }
}
