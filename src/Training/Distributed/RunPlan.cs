using System.Text.Json;
using Trainer.Torch.Distributed;

namespace Trainer.Training.Distributed;

/// <summary>
/// What rank 0 tells the other ranks before training, through the run's store: the resolved config (so every rank
/// trains exactly what rank 0 resolved, even when only rank 0 can read the run folder), the run folder's path on
/// rank 0, and on resume the checkpoint's bytes. A setup error on rank 0 is published too, so every rank fails with
/// rank 0's message instead of waiting for a plan that never comes.
/// </summary>
public sealed record RunPlan(string? ConfigJson, string? RunPath, bool HasCheckpoint, string? Error)
{
    public const string PlanKey = "trainer/plan";
    public const string CheckpointKey = "trainer/checkpoint";

    public static RunPlan Failed(string error) => new(null, null, false, error);

    /// <summary>Rank 0: publishes the plan (and the checkpoint bytes first, when there are any).</summary>
    public void Publish(Store store, byte[]? checkpoint = null)
    {
        if (checkpoint is not null)
        {
            store.set(CheckpointKey, checkpoint);
        }

        store.set(PlanKey, JsonSerializer.Serialize(this));
    }

    /// <summary>Other ranks: waits for rank 0's plan; throws rank 0's error if its setup failed.</summary>
    public static RunPlan Receive(Store store)
    {
        RunPlan plan = JsonSerializer.Deserialize<RunPlan>(store.get_string(PlanKey))
            ?? throw new InvalidOperationException("rank 0 published an empty run plan");
        if (plan.Error is { } e)
        {
            throw new InvalidOperationException("rank 0 could not set up the run: " + e);
        }

        return plan;
    }

    /// <summary>The checkpoint rank 0 published (only when <see cref="HasCheckpoint"/>).</summary>
    public static byte[] ReceiveCheckpoint(Store store) => store.get(CheckpointKey);
}
