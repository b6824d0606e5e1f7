using System.Diagnostics;
using Trainer.Torch.Distributed;
using Trainer.Training.Config;
using Trainer.Training.Distributed;
using Trainer.Training.Loop;
using Trainer.Training.Progress;
using Trainer.Training.Runs;
using Trainer.Training.Tasks;

namespace Trainer.Cli.Distributed;

/// <summary>What <c>trainer train</c> was asked to do, before any file is read.</summary>
internal sealed record TrainRequest(string? ConfigPath, IReadOnlyList<string> Overrides, string? Resume, string RunsDir, ProgressMode Progress);

/// <summary>
/// One worker of a data-parallel run. Rank 0 resolves the config and the run folder (or the run to resume), writes
/// everything (config.json, distributed.json, TensorBoard, checkpoints, metrics) and shows progress; it sends the
/// resolved config, and on resume the checkpoint, to the other ranks through the store. Every rank then builds the
/// model, reads its shard of each batch (<see cref="ShardedBatchSource"/>), starts from rank 0's weights and averages
/// gradients after each backward (<see cref="DistributedDataParallel"/>).
/// Exit codes as for a single process: 0 done, 3 diverged, 130 interrupted.
/// </summary>
internal static class DistributedTrain
{
    public static int Run(LaunchEnvironment env, TrainRequest request, TimeSpan timeout, TextWriter? log = null)
    {
        log ??= Console.Out;
        using ProcessGroup pg = ProcessGroup.init_process_group(env, new ProcessGroupOptions { Timeout = timeout });
        using var stop = new CancellationSource(pg.Rank == 0 ? log.WriteLine : _ => { }).Listen();
        Worker worker = pg.Rank == 0 ? Leader(pg, request, log) : Follower(pg);
        var wall = Stopwatch.StartNew();
        double maxMinutes = worker.Prepared.Train.MaxMinutes;
        using var ddp = new DistributedDataParallel(pg)
        {
            LocalStop = () => stop.StopRequested || (maxMinutes > 0 && wall.Elapsed.TotalMinutes >= maxMinutes),
        };
        TrainerLoop loop = worker.Loop;
        ddp.CheckSameStep(loop.State.Step);
        ddp.BroadcastState(loop.Module);
        loop.GradientSync = ddp;

        RunEndedEventArgs ended;
        try
        {
            ended = worker.Execute(ddp.StopToken);
        }
        catch (TrainingDivergedException e)
        {
            log.WriteLine($"error on rank {pg.Rank}: {e.Message}");
            return 3;
        }

        string reason = ended.Reason == "interrupted" && !stop.StopRequested
            ? (maxMinutes > 0 && wall.Elapsed.TotalMinutes >= maxMinutes ? "wall-time limit" : "stopped by another worker")
            : ended.Reason;
        worker.Finish(ended, reason, ddp.Stats);
        pg.barrier();
        return reason == "interrupted" ? CancellationSource.InterruptExitCode : 0;
    }

    private static Worker Leader(ProcessGroup pg, TrainRequest request, TextWriter log)
    {
        RunFolder run;
        ITaskDefinition task;
        object cfg;
        PreparedTask prepared;
        bool resuming;
        try
        {
            RunFolder? existing = request.Resume is null ? null : RunFolder.Resolve(request.Resume, request.RunsDir);
            (task, cfg) = TaskRegistry.Load(existing?.ConfigPath ?? request.ConfigPath, request.Overrides);
            if (existing is not null)
            {
                WorldSizeFile.CheckResume(existing, pg.WorldSize);
            }

            prepared = task.Prepare(cfg);
            run = existing ?? RunFolder.Create(request.RunsDir, prepared.RunName);
            WorldSizeFile.Write(run, pg.WorldSize);
            resuming = existing?.HasCheckpoint == true;
            new RunPlan(ConfigJson.Serialize(cfg), run.Path, resuming, null)
                .Publish(pg.Store, resuming ? File.ReadAllBytes(run.CheckpointPath) : null);
        }
        catch (Exception e)
        {
            RunPlan.Failed(e.Message).Publish(pg.Store);
            throw;
        }

        log.WriteLine($"task {task.Name}, run {run.Path}, {pg.WorldSize} workers (gloo)");
        log.WriteLine(ConfigJson.Serialize(cfg).TrimEnd());
        log.WriteLine($"model: {prepared.Model.Module.GetName()} with {prepared.Model.Module.num_parameters():N0} parameters");
        var data = Shard(prepared, cfg, pg, log);
        var session = new TrainingSession(run, prepared.Model, data, prepared.Train with { MaxMinutes = 0 }, cfg);
        if (resuming)
        {
            session.Resume();
            log.WriteLine($"resumed at step {session.Loop.State.Step}");
        }

        return new LeaderWorker(prepared, session, request.Progress, log);
    }

    private static Worker Follower(ProcessGroup pg)
    {
        RunPlan plan = RunPlan.Receive(pg.Store);
        string scratch = Path.Combine(Path.GetTempPath(), $"trainer-rank{pg.Rank}-{Environment.ProcessId}");
        Directory.CreateDirectory(scratch);
        try
        {
            string configPath = Path.Combine(scratch, "config.json");
            File.WriteAllText(configPath, plan.ConfigJson);
            var (task, cfg) = TaskRegistry.Load(configPath, Array.Empty<string>());
            PreparedTask prepared = task.Prepare(cfg);
            var loop = new TrainerLoop(prepared.Model, Shard(prepared, cfg, pg, TextWriter.Null), prepared.Train with { MaxMinutes = 0 });
            if (plan.HasCheckpoint)
            {
                string ckpt = Path.Combine(scratch, "ckpt.safetensors");
                File.WriteAllBytes(ckpt, RunPlan.ReceiveCheckpoint(pg.Store));
                Checkpoint.Load(ckpt, loop);
            }

            return new FollowerWorker(prepared, loop, pg.Rank);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static ShardedBatchSource Shard(PreparedTask prepared, object cfg, ProcessGroup pg, TextWriter log)
    {
        ulong seed = ConfigJson.Flatten(cfg).TryGetValue("seed", out object? s) && s is long v ? unchecked((ulong)v) : 0;
        var data = new ShardedBatchSource(prepared.Data, new DistributedSampler(pg.WorldSize, pg.Rank, seed));
        data.UnevenBatch += (b, pad) => log.WriteLine(
            $"warning: a batch of {b} rows does not split evenly over {pg.WorldSize} workers: {pad} row(s) are repeated (as DistributedSampler does)");
        return data;
    }

    private abstract record Worker(PreparedTask Prepared)
    {
        public abstract TrainerLoop Loop { get; }

        public abstract RunEndedEventArgs Execute(CancellationToken stop);

        public abstract void Finish(RunEndedEventArgs ended, string reason, SyncStats sync);
    }

    private sealed record LeaderWorker(PreparedTask Prepared, TrainingSession Session, ProgressMode Mode, TextWriter Log) : Worker(Prepared)
    {
        public override TrainerLoop Loop => Session.Loop;

        public override RunEndedEventArgs Execute(CancellationToken stop)
        {
            using var progress = new ConsoleProgress(Prepared.RunName, Mode);
            return Session.Execute(progress, stop);
        }

        public override void Finish(RunEndedEventArgs ended, string reason, SyncStats sync)
        {
            RunFolder run = Session.Run;
            if (reason != ended.Reason)
            {
                run.Metrics.Set("end_reason", reason);
            }

            Log.WriteLine($"{reason} at step {ended.Step} in {ended.Elapsed.TotalSeconds:F1} s");
            foreach (var (k, v) in ended.Metrics)
            {
                Log.WriteLine($"  {k} = {v:G6}");
            }

            Log.WriteLine($"gradient sync: {sync}");
            Log.WriteLine($"run folder:  {run.Path}");
            Log.WriteLine($"checkpoint:  {run.CheckpointPath}");
            Log.WriteLine($"tensorboard: tensorboard --logdir {run.Path}");
            Log.WriteLine($"resume:      trainer train --nproc {WorldSizeFile.Read(run)} --resume {run.Path}");
        }
    }

    private sealed record FollowerWorker(PreparedTask Prepared, TrainerLoop Worker, int Rank) : Worker(Prepared)
    {
        public override TrainerLoop Loop => Worker;

        public override RunEndedEventArgs Execute(CancellationToken stop) => Worker.Run(stop);

        public override void Finish(RunEndedEventArgs ended, string reason, SyncStats sync) =>
            Console.Out.WriteLine($"rank {Rank}: {reason} at step {ended.Step}");
    }
}
