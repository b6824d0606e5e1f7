using Trainer.Bench.Models.Workloads;

namespace Trainer.Bench.Models.Tests;

/// <summary>The GPT step workload (issue 8, workload 1) at a tiny shape: the same work as the python3-torch peer.</summary>
/// <remarks>Sequential with the other peer tests: manual_seed is process-wide, and the harness extracts each peer
/// script to one folder per process that the first finished peer deletes.</remarks>
[Collection("gpt peer")]
public sealed class GptStepTests
{
    [Fact]
    public void Ours_and_the_python_peer_reach_the_same_loss_after_two_AdamW_steps()
    {
        using var ours = new GptStep(GptShape.Tiny, "gpt-step-tiny");
        ours.Setup();
        double oursLoss = ours.Checksum();

        using PeerProcess peer = PeerProcess.Start(ours.PeerScript, 1, 1);
        double peerLoss = peer.Setup(ours.Name);

        // Same seed, same init order, same tokens: only float rounding differs (about 1e-7 relative).
        Assert.True(Math.Abs(oursLoss - peerLoss) <= 1e-5 * Math.Abs(peerLoss), $"ours {oursLoss} vs peer {peerLoss}");
        Assert.True(peer.Run(2) > 0);
    }

    [Fact]
    public void The_first_loss_is_near_log_V_and_the_optimizer_moves_it()
    {
        using var work = new GptStep(GptShape.Tiny, "gpt-step-tiny");
        work.Setup();
        double first = work.Step(readLoss: true);
        Assert.True(work.Optimizer.last_step_fused, "AdamW did not take the fused native step over the parameters");
        for (int i = 0; i < 30; i++)
        {
            work.Step(readLoss: false);
        }

        double later = work.Step(readLoss: true);
        // N(0, 0.02) weights give near-uniform logits: cross-entropy about ln V.
        Assert.InRange(first, Math.Log(GptShape.Tiny.Vocab) - 0.05, Math.Log(GptShape.Tiny.Vocab) + 0.05);
        Assert.True(later < first - 0.05, $"loss {first} -> {later}: the fixed batch is not being fitted");
    }

    [Fact]
    public void The_fused_attention_layer_trains_the_same_model_as_the_op_by_op_path()
    {
        using var fused = new GptStep(GptShape.Tiny, "gpt-step-tiny");
        fused.Setup();
        double[] a = { fused.Step(readLoss: true), fused.Step(readLoss: true), fused.Step(readLoss: true) };
        using var ops = new GptStep(GptShape.Tiny, "gpt-step-tiny");
        ops.Setup();
        ops.SetFusedAttention(false);
        double[] b = { ops.Step(readLoss: true), ops.Step(readLoss: true), ops.Step(readLoss: true) };
        for (int i = 0; i < a.Length; i++)
        {
            Assert.True(Math.Abs(a[i] - b[i]) <= 1e-5 * Math.Abs(b[i]), $"step {i}: fused {a[i]} vs op-by-op {b[i]}");
        }
    }

    [Fact]
    public void Step_flops_match_the_closed_form_count()
    {
        GptShape s = GptShape.Canonical;
        double n = (double)s.BatchSize * s.Context, d = s.Width, t = s.Context, hs = s.Width / s.Heads;
        // forward: 2 N (3D^2 + D^2 + 4D^2 + 4D^2) per block + 2 * 2 B nh T^2 hs per block + 2 N D V; step = 3 x forward.
        double forward = s.Layers * (2 * n * 12 * d * d + 4.0 * s.BatchSize * s.Heads * t * t * hs) + 2 * n * d * s.Vocab;
        Assert.Equal(3 * forward, s.StepFlops(), 6);
        Assert.InRange(s.StepFlops() / 1e9, 5.8, 5.9);
    }

    [Fact]
    public void The_unit_is_milliseconds_per_step_and_the_gemm_floor_does_real_work()
    {
        using var work = new GptStep(GptShape.Tiny, "gpt-step-tiny");
        Assert.Equal(250, work.ToUnit(0.25), 9);
        work.Setup();
        var (name, seconds) = work.Layers[0];
        Assert.Contains("gemm", name, StringComparison.Ordinal);
        Assert.True(seconds(3) > 0);
        Assert.Equal("gpt-step", new GptStep().Name);
    }
}
