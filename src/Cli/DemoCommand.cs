using System.CommandLine;
using Trainer.Torch.Diagnostics;
using Trainer.Training.Progress;
using Trainer.Training.Tasks;

namespace Trainer.Cli;

/// <summary>
/// <c>trainer demo</c>: the README's first command. Checks the engine, then trains the default demo (a one-layer GPT
/// memorising the edges of a 4-arm path-star graph) into runs/, and prints where the outputs are.
/// </summary>
internal static class DemoCommand
{
    public static Command Build()
    {
        var config = new Option<string>("--config", "-c") { Description = "The demo's config", DefaultValueFactory = _ => Path.Combine("configs", "demo.json") };
        var runsDir = new Option<string>("--runs-dir") { Description = "Where run folders go", DefaultValueFactory = _ => "runs" };
        var progress = new Option<ProgressMode>("--progress") { Description = "auto, live, plain or quiet", DefaultValueFactory = _ => ProgressMode.Auto };
        var cmd = new Command("demo", "Engine self-check, then train the default demo (tiny path-star graph, GPT) end to end");
        cmd.Options.Add(config);
        cmd.Options.Add(runsDir);
        cmd.Options.Add(progress);
        cmd.SetAction(parse =>
        {
            Console.WriteLine("== engine");
            EngineReport report = EngineReport.Collect(512);
            Console.WriteLine(report);
            Console.WriteLine();
            Console.WriteLine("== training the demo");
            var (task, cfg) = TaskRegistry.Load(parse.GetValue(config), Array.Empty<string>());
            return TrainCommand.Run(task, cfg, null, parse.GetValue(runsDir)!, parse.GetValue(progress));
        });
        return cmd;
    }
}
