using System.CommandLine;
using Trainer.Torch;

namespace Trainer.Cli;

/// <summary>The <c>trainer</c> command line: parsing only; the libraries do the work.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        RootCommand root = BuildRoot();
        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (IsUserError(e))
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 1;
        }
    }

    /// <summary>Errors caused by input (config, files, shapes, divergence): a message, not a stack trace.</summary>
    private static bool IsUserError(Exception e) => e is TorchException or ArgumentException or IOException
        or System.Text.Json.JsonException or InvalidOperationException or Trainer.Data.Catalog.ConfigException
        or Trainer.Training.Config.ConfigException or Trainer.Training.Loop.TrainingDivergedException
        or UnauthorizedAccessException or KeyNotFoundException;

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "Trainer: train small transformers, Hopfield layers, Node2Vec and outer-product memories on synthetic " +
            "data, and probe whether they store facts as associative or geometric memory.");
        root.Subcommands.Add(DemoCommand.Build());
        root.Subcommands.Add(SelfCheckCommand.Build());
        root.Subcommands.Add(GenDataCommand.Build());
        root.Subcommands.Add(InspectCommand.Build());
        root.Subcommands.Add(TrainCommand.Build());
        root.Subcommands.Add(ExperimentCommand.Build());
        root.Subcommands.Add(ProbeCommand.BuildProbe());
        root.Subcommands.Add(ProbeCommand.BuildReport());
        root.Subcommands.Add(BenchCommand.Build());
        return root;
    }
}
