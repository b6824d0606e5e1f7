using System.CommandLine;
using Trainer.Torch.Diagnostics;
using Trainer.Training.Experiments;
using Trainer.Training.Progress;

namespace Trainer.Cli;

/// <summary>
/// <c>trainer demo</c>: the README's first command. Checks the engine, then runs the small geometric-memory experiment
/// (a 4-arm path-star graph memorised by the edge network with learned, self-edge and frozen embeddings, a GPT and
/// Node2Vec; each probed) and opens with the verdict table.
/// </summary>
internal static class DemoCommand
{
    public static Command Build()
    {
        var runsDir = new Option<string>("--runs-dir") { Description = "Where run folders go", DefaultValueFactory = _ => "runs" };
        var progress = new Option<ProgressMode>("--progress") { Description = "auto, live, plain or quiet", DefaultValueFactory = _ => ProgressMode.Auto };
        var sets = new Option<string[]>("--set") { Description = "Override a key of the geometric-memory experiment, e.g. --set graphs=[path_star,cycle]" };
        var cmd = new Command("demo", "Engine self-check, then the small geometric-memory experiment end to end (train, probe, report)");
        cmd.Options.Add(runsDir);
        cmd.Options.Add(progress);
        cmd.Options.Add(sets);
        cmd.SetAction(parse =>
        {
            Console.WriteLine("== engine");
            Console.WriteLine(EngineReport.Collect(512));
            Console.WriteLine();
            Console.WriteLine("== geometric-memory experiment (small)");
            ExperimentCatalog.EnsureRegistered();
            IExperiment exp = ExperimentRegistry.Find("geometric-memory");
            object cfg = ExperimentRegistry.LoadConfig(exp, "small", null, parse.GetValue(sets) ?? Array.Empty<string>());
            int code = ExperimentCommand.Run(exp, cfg, "small", parse.GetValue(runsDir)!, parse.GetValue(progress));
            Console.WriteLine("each run's TensorBoard logs and checkpoints are under <experiment folder>/runs/; open them with:");
            Console.WriteLine($"  tensorboard --logdir {parse.GetValue(runsDir)}");
            return code;
        });
        return cmd;
    }
}
