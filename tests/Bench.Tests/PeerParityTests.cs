using System.Text.Json;

namespace Trainer.Bench.Tests;

/// <summary>Runs each engine workload for a moment on both sides; the two sides must do the same work.</summary>
public class PeerParityTests
{
    [Fact]
    public void Ours_and_the_python_peer_compute_the_same_checksums()
    {
        var output = new StringWriter();
        var progress = new StringWriter();
        var options = new BenchOptions { Json = true, Rounds = 1, RoundSeconds = 0.01, SettleSeconds = 0, TorchThreads = 1, BlasThreads = 1 };
        int code = BenchCli.Run(new[] { "tiny-add", "matmul-64", "mlp-step", "gemm-96" }, options, output, progress);
        Assert.True(code == 0, "the python3-torch peer did not run (install python3-torch):\n" + progress);

        var rows = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(new[] { "tiny-add", "tiny-add-overhead", "matmul-64", "matmul-64-overhead", "mlp-step", "gemm-96" },
            rows.Select(r => r.GetProperty("name").GetString()));
        foreach (JsonElement r in rows)
        {
            double ours = r.GetProperty("check_ours").GetDouble();
            double peer = r.GetProperty("check_peer").GetDouble();
            Assert.True(Math.Abs(ours - peer) <= 1e-4 * Math.Abs(peer), $"{r.GetProperty("name")}: {ours} vs {peer}");
            if (!r.GetProperty("name").GetString()!.EndsWith("-overhead", StringComparison.Ordinal))
            {
                Assert.True(r.GetProperty("ours").GetDouble() > 0 && r.GetProperty("pytorch").GetDouble() > 0, r.ToString());
            }
        }
    }
}
