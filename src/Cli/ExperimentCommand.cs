using System.CommandLine;
using Trainer.Training.Config;
using Trainer.Training.Experiments;
using Trainer.Training.Progress;
using Trainer.Training.Runs;

namespace Trainer.Cli;

/// <summary><c>trainer experiment &lt;name&gt;</c>: runs a paper reproduction end to end into one run folder.</summary>
internal static class ExperimentCommand
{
    public static Command Build()
    {
        var name = new Argument<string?>("name") { Description = "Experiment name (omit to list them)", Arity = ArgumentArity.ZeroOrOne };
        var config = new Option<string?>("--config", "-c") { Description = "JSON file overriding the experiment's defaults" };
        var sets = new Option<string[]>("--set") { Description = "Override a key: --set sweep.seeds=3 (repeatable)" };
        var scale = new Option<string>("--scale") { Description = "small (minutes on 2 CPU cores) or large (the paper's sizes, for a bigger machine)", DefaultValueFactory = _ => "small" };
        var runsDir = new Option<string>("--runs-dir") { Description = "Where run folders go", DefaultValueFactory = _ => "runs" };
        var progress = new Option<ProgressMode>("--progress") { Description = "auto, live, plain or quiet", DefaultValueFactory = _ => ProgressMode.Auto };
        var keys = new Option<bool>("--keys") { Description = "List the experiment's config keys and exit" };
        var cmd = new Command("experiment", "Reproduce a paper's result end to end: runs, measurements beside the theory, report.html");
        cmd.Arguments.Add(name);
        foreach (Option o in new Option[] { config, sets, scale, runsDir, progress, keys })
        {
            cmd.Options.Add(o);
        }

        cmd.SetAction(parse =>
        {
            ExperimentCatalog.EnsureRegistered();
            string? n = parse.GetValue(name);
            if (n is null)
            {
                foreach (IExperiment e in ExperimentRegistry.All)
                {
                    Console.WriteLine($"{e.Name,-20} {e.Description}");
                }

                return 0;
            }

            IExperiment exp = ExperimentRegistry.Find(n);
            if (parse.GetValue(keys))
            {
                Console.WriteLine(ConfigKeys.Format(ConfigKeys.List(exp.ConfigType)));
                return 0;
            }

            string sc = parse.GetValue(scale)!;
            object cfg = ExperimentRegistry.LoadConfig(exp, sc, parse.GetValue(config), parse.GetValue(sets) ?? Array.Empty<string>());
            return Run(exp, cfg, sc, parse.GetValue(runsDir)!, parse.GetValue(progress));
        });
        return cmd;
    }

    public static int Run(IExperiment exp, object cfg, string scale, string runsDir, ProgressMode mode)
    {
        RunFolder run = RunFolder.Create(runsDir, exp.Name);
        run.WriteConfig(cfg);
        Console.WriteLine($"experiment {exp.Name} ({scale}), run {run.Path}");
        Console.WriteLine(ConfigJson.Serialize(cfg).TrimEnd());
        // Experiment-level messages as plain lines; each training run inside gets its own bar (context.Mode).
        using var progress = new ConsoleProgress(exp.Name, mode == ProgressMode.Quiet ? ProgressMode.Quiet : ProgressMode.Plain);
        using var stop = new CancellationSource(progress.Log).Listen();
        ExperimentReport report = exp.Execute(cfg, new ExperimentContext(run, progress, stop.Token, scale) { Mode = mode });
        report.Write(run.Path);
        Console.WriteLine(report.ToMarkdown());
        Console.WriteLine($"report: {Path.Combine(run.Path, "report.html")}");
        return 0;
    }
}
