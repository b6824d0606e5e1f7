using System.CommandLine;

namespace Trainer.Cli.Distributed;

/// <summary>The distributed branch of <c>trainer train</c>: launcher, worker, or neither (a plain single process).</summary>
internal static class DistributedCommand
{
    /// <summary>The exit code when this invocation launched workers or was one; null for a single-process run.</summary>
    public static int? TryRun(ParseResult parse, DistributedOptions options, TrainRequest request)
    {
        if (options.Launch(parse) is { } plan)
        {
            string[] args = Launcher.WorkerArgs(parse.Tokens.Select(t => t.Value).ToArray());
            return Launcher.Run(plan, args, Console.Out);
        }

        if (options.Worker(parse) is { } env)
        {
            return DistributedTrain.Run(env, request, options.WaitTimeout(parse));
        }

        return null;
    }
}
