using System.CommandLine;
using Trainer.Cli.Distributed;
using Trainer.Training.Config;
using Trainer.Training.Loop;
using Trainer.Training.Progress;
using Trainer.Training.Runs;
using Trainer.Training.Tasks;

namespace Trainer.Cli;

/// <summary><c>trainer train</c>: one training run into a run folder, or the resumption of a stopped one.</summary>
internal static class TrainCommand
{
    public static Command Build()
    {
        var config = new Option<string?>("--config", "-c") { Description = "Experiment config (JSON, snake_case keys); see configs/" };
        var sets = new Option<string[]>("--set") { Description = "Override a key: --set train.lr=0.01 --set model.kind=gpt (repeatable)" };
        var resume = new Option<string?>("--resume") { Description = "Continue a stopped run: its folder, or 'latest'" };
        var runsDir = new Option<string>("--runs-dir") { Description = "Where run folders go", DefaultValueFactory = _ => "runs" };
        var progress = new Option<ProgressMode>("--progress") { Description = "auto (live bar on a terminal, plain lines otherwise), live, plain or quiet", DefaultValueFactory = _ => ProgressMode.Auto };
        var keys = new Option<bool>("--keys") { Description = "List every config key of the task with its type, default and description, then exit" };
        var cmd = new Command("train", "Train a model from an experiment config; writes runs/<stamp>-<name>/ with config.json, TensorBoard events, checkpoints and metrics.json");
        foreach (Option o in new Option[] { config, sets, resume, runsDir, progress, keys })
        {
            cmd.Options.Add(o);
        }

        var dist = new DistributedOptions();
        dist.AddTo(cmd);

        cmd.SetAction((parse, cancel) =>
        {
            var overrides = parse.GetValue(sets) ?? Array.Empty<string>();
            string? resumeFrom = parse.GetValue(resume);
            var request = new TrainRequest(parse.GetValue(config), overrides, resumeFrom, parse.GetValue(runsDir)!, parse.GetValue(progress));
            if (!parse.GetValue(keys) && DistributedCommand.TryRun(parse, dist, request) is { } distributedExit)
            {
                return Task.FromResult(distributedExit);
            }

            RunFolder? existing = resumeFrom is null ? null : RunFolder.Resolve(resumeFrom, parse.GetValue(runsDir)!);
            if (existing is not null)
            {
                Trainer.Training.Distributed.WorldSizeFile.CheckResume(existing, 1);
            }
            string? path = existing?.ConfigPath ?? parse.GetValue(config);
            var (task, cfg) = TaskRegistry.Load(path, overrides);
            if (parse.GetValue(keys))
            {
                Console.WriteLine(ConfigKeys.Format(ConfigKeys.List(task.ConfigType)));
                return Task.FromResult(0);
            }

            return Task.FromResult(Run(task, cfg, existing, parse.GetValue(runsDir)!, parse.GetValue(progress)));
        });
        return cmd;
    }

    /// <summary>Trains (or resumes) and prints where the outputs are. Exit 0 on completion, 130 on interruption.</summary>
    public static int Run(ITaskDefinition task, object cfg, RunFolder? existing, string runsDir, ProgressMode mode, TextWriter? log = null)
    {
        log ??= Console.Out;
        PreparedTask prepared = task.Prepare(cfg);
        RunFolder run = existing ?? RunFolder.Create(runsDir, prepared.RunName);
        log.WriteLine($"task {task.Name}, run {run.Path}");
        log.WriteLine(ConfigJson.Serialize(cfg).TrimEnd());
        log.WriteLine($"model: {prepared.Model.Module.GetName()} with {prepared.Model.Module.num_parameters():N0} parameters");
        var session = new TrainingSession(run, prepared.Model, prepared.Data, prepared.Train, cfg);
        if (existing is not null)
        {
            bool resumed = session.Resume();
            log.WriteLine(resumed ? $"resumed at step {session.Loop.State.Step}" : "no checkpoint in the run folder: starting from step 0");
        }

        using var progress = new ConsoleProgress(prepared.RunName, mode);
        using var stop = new CancellationSource(progress.Log).Listen();
        RunEndedEventArgs ended;
        try
        {
            ended = session.Execute(progress, stop.Token);
        }
        catch (TrainingDivergedException e)
        {
            log.WriteLine($"error: {e.Message}");
            log.WriteLine($"last good checkpoint: {(run.HasCheckpoint ? run.CheckpointPath : "(none yet)")}");
            return 3;
        }

        log.WriteLine($"{ended.Reason} at step {ended.Step} in {ended.Elapsed.TotalSeconds:F1} s");
        foreach (var (k, v) in ended.Metrics)
        {
            log.WriteLine($"  {k} = {v:G6}");
        }

        log.WriteLine($"run folder:  {run.Path}");
        log.WriteLine($"checkpoint:  {run.CheckpointPath}");
        log.WriteLine($"tensorboard: tensorboard --logdir {run.Path}");
        log.WriteLine($"resume:      trainer train --resume {run.Path}");
        return ended.Reason == "interrupted" ? CancellationSource.InterruptExitCode : 0;
    }
}
