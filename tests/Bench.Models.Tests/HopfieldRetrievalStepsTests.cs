using Trainer.Bench.Models.Workloads;
using Trainer.Models.Hopfield.Retrieval;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Bench.Models.Tests;

/// <summary>The Hopfield retrieval workload (issue 8, workload 4) at a tiny shape, and the blocked retrieval it runs
/// (fused kernel and op-by-op form).</summary>
/// <remarks>In the collection of the other peer tests: manual_seed is process-wide, and the harness extracts each peer
/// script to one folder per process that the first finished peer deletes.</remarks>
[Collection("gpt peer")]
public sealed class HopfieldRetrievalStepsTests
{
    [Fact]
    public void Ours_and_the_python_peer_retrieve_the_same_states()
    {
        using HopfieldRetrievalSteps ours = HopfieldRetrievalSteps.Tiny();
        ours.Setup();
        double oursCheck = ours.Checksum();

        using PeerProcess peer = PeerProcess.Start(ours.PeerScript, 1, 1);
        double peerCheck = peer.Setup(ours.Name);

        // Same seed, same draws, same ops in the same order on the same libtorch: float rounding only.
        Assert.True(Math.Abs(oursCheck - peerCheck) <= 1e-5 * Math.Abs(peerCheck), $"ours {oursCheck} vs peer {peerCheck}");
        Assert.True(peer.Run(1) > 0);
    }

    [Fact]
    public void Every_tiny_query_retrieves_its_own_pattern()
    {
        using HopfieldRetrievalSteps work = HopfieldRetrievalSteps.Tiny();
        work.Setup();
        // Noise 0.05 per component leaves each query at cosine ~0.93 of its pattern; beta 32 separates it from 2^10
        // random unit vectors (max cosine ~0.5), so the fixed point is the pattern itself: checksum ~ B.
        Assert.Equal(1.0, work.RetrievedShare());
        Assert.InRange(work.Checksum(), 0.95 * 64, 64.0001);
    }

    [Theory]
    [InlineData(4.0, true)]     // |beta xi . x| <= 4 * 1.6 * 1: exp without the max shift
    [InlineData(80.0, false)]   // beyond the bound: the softmax path
    public void Blocked_retrieval_equals_iterated_steps_across_several_blocks(double beta, bool direct)
    {
        manual_seed(3);
        using DisposeScope scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor x = randn(1 << 18, 8);                            // 2^18 patterns: blocks of 16 rows
        x = x / x.norm(2, 1).unsqueeze(1);
        Tensor xi0 = x.narrow(0, 0, 40) + randn(40, 8) * 0.1;    // 40 queries: blocks of 16, 16, 8
        Assert.Equal(16, BlockedRetrieval.BlockRows(x.size(0)));
        Assert.Equal(direct, BlockedRetrieval.DirectExpIsSafe(beta, xi0, 1.0, x.size(0)));

        Assert.True(BlockedRetrieval.CanFuse(x, xi0));
        Tensor reference = HopfieldRetrieval.Step(x, HopfieldRetrieval.Step(x, xi0, beta), beta);
        double size = reference.abs().max().item<double>();
        Assert.True(size > 1e-3, "the states collapsed to zero; the comparison would be vacuous");
        foreach (bool fused in new[] { true, false })
        {
            Tensor blocked = BlockedRetrieval.Retrieve(x, xi0, beta, 2, fused);
            Assert.Equal(new long[] { 40, 8 }, blocked.shape);
            double diff = (blocked - reference).abs().max().item<double>();
            Assert.True(diff <= 1e-5 * size, $"fused {fused}: max difference {diff} (scale {size})");
        }
    }

    [Fact]
    public void Retrieval_that_needs_a_gradient_takes_the_op_by_op_path()
    {
        manual_seed(4);
        using DisposeScope scope = NewDisposeScope();
        Tensor x = randn(300, 8);
        Tensor xi0 = randn(5, 8).requires_grad_();
        Assert.False(BlockedRetrieval.CanFuse(x, xi0));
        Assert.False(BlockedRetrieval.CanFuse(x.T.contiguous().T, randn(5, 8)));   // a strided memory

        Tensor withGrad = BlockedRetrieval.Retrieve(x, xi0, 2.0, 2);
        Assert.True(withGrad.requires_grad);
        using (no_grad())
        {
            Tensor fused = BlockedRetrieval.Retrieve(x, xi0, 2.0, 2);                 // autograd off: fused on the detached input
            Assert.False(fused.requires_grad);
            double diff = (fused - withGrad.detach()).abs().max().item<double>();
            Assert.True(diff <= 1e-5, $"max difference {diff}");
        }
    }

    [Fact]
    public void The_workload_agrees_with_plain_steps_and_the_floor_is_timed()
    {
        using HopfieldRetrievalSteps work = HopfieldRetrievalSteps.Tiny();
        work.Setup();
        using Tensor plain = work.RetrieveUnblocked();
        double plainCheck = work.Score(plain), blockedCheck = work.Checksum();
        Assert.True(Math.Abs(plainCheck - blockedCheck) <= 1e-5 * Math.Abs(plainCheck), $"plain {plainCheck} vs blocked {blockedCheck}");
        Assert.Equal(250, work.ToUnit(0.25), 9);
        Assert.True(work.HasFloor);
        Assert.True(work.RunFloor(2) > 0);
        Assert.Equal("op-by-op", Assert.Single(work.Layers).Name);
        Assert.True(work.Layers[0].Seconds(1) > 0);
        using Tensor opByOp = work.RetrieveOpByOp();
        double opCheck = work.Score(opByOp);
        Assert.True(Math.Abs(plainCheck - opCheck) <= 1e-5 * Math.Abs(plainCheck), $"plain {plainCheck} vs op-by-op {opCheck}");
        Assert.Equal(3 * 2 * 2.0 * 64 * 1024 * 64, work.Flops);
    }
}
