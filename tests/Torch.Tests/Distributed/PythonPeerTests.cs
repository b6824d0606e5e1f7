using System.Diagnostics;
using System.Text.Json;
using Trainer.Torch.Distributed;
using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.Distributed;

/// <summary>
/// One C# rank and one python3-torch rank (stock <c>torch.distributed</c>, Gloo, <c>init_method="tcp://..."</c>) in
/// one group: the C# side speaks the real torch.distributed protocol (store layout, barrier, Gloo collectives).
/// The Python script is tests/fixtures/dist/python_peer.py; expected values are closed forms written here.
/// </summary>
public class PythonPeerTests
{
    private const int World = 2;

    // Bounds the rendezvous only (python3 needs seconds to import torch on a busy machine); failures are timed apart.
    private const double JoinSeconds = 60;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_csharp_rank_and_a_python_rank_run_the_same_collectives(int csharpRank)
    {
        if (Skip())
        {
            return;
        }

        int port = DistHarness.FreePort();
        int pyRank = 1 - csharpRank;
        using Process py = StartPython(port, pyRank, "collectives");
        Result mine;
        using (ProcessGroup pg = ProcessGroup.init_process_group($"tcp://127.0.0.1:{port}", csharpRank, World, DistHarness.Options(JoinSeconds)))
        {
            using var scope = NewDisposeScope();
            mine = RunScript(pg);
        }

        JsonElement theirs = Finish(py);
        float[] sum = Enumerable.Range(0, 6).Select(i => (float)(i * 3 + 1)).ToArray(); // i*1+0 + i*2+1
        double[] avg = sum.Select(v => v / 2.0).ToArray();
        long[][] gather = { new long[] { 0, 0 }, new long[] { 1, 2 } };
        float[] bcast = Enumerable.Repeat(101f, 4).ToArray(); // rank W-1 = 1 holds 100 + 1

        Assert.Equal(sum, mine.Sum);
        Assert.Equal(avg, mine.Avg);
        Assert.Equal(bcast, mine.Broadcast);
        Assert.Equal(gather, mine.Gather);
        Assert.Equal(pyRank, theirs.GetProperty("rank").GetInt32());
        Assert.Equal(sum, theirs.GetProperty("sum").EnumerateArray().Select(e => e.GetSingle()));
        Assert.Equal(avg, theirs.GetProperty("avg").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(bcast, theirs.GetProperty("broadcast").EnumerateArray().Select(e => e.GetSingle()));
        Assert.Equal(gather, theirs.GetProperty("gather").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetInt64()).ToArray()));
    }

    [Fact]
    public void A_python_rank_that_dies_makes_the_csharp_collective_fail_instead_of_hanging()
    {
        if (Skip())
        {
            return;
        }

        int port = DistHarness.FreePort();
        using Process py = StartPython(port, 1, "die");
        using ProcessGroup pg = ProcessGroup.init_process_group($"tcp://127.0.0.1:{port}", 0, World, DistHarness.Options(JoinSeconds));
        Assert.True(py.WaitForExit(30_000), "the python peer did not exit");
        var sw = Stopwatch.StartNew();
        var e = Assert.Throws<TorchException>(() => pg.all_reduce(ones(8), timeout: TimeSpan.FromSeconds(10)));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(12), $"took {sw.Elapsed}");
        Assert.Contains("all_reduce failed on rank 0 of 2", e.Message);
    }

    private sealed record Result(float[] Sum, double[] Avg, float[] Broadcast, long[][] Gather);

    // The collectives of python_peer.py, in the same order.
    private static Result RunScript(ProcessGroup pg)
    {
        int r = pg.Rank;
        Tensor x = arange(6, ScalarType.Float32).mul(r + 1).add(r).reshape(2, 3);
        Tensor s = x.clone();
        pg.all_reduce(s);
        Tensor a = x.to(ScalarType.Float64);
        pg.all_reduce(a, ReduceOp.Avg);
        Tensor b = full(new long[] { 4 }, 100.0 + r);
        pg.broadcast(b, src: pg.WorldSize - 1);
        Tensor[] g = pg.all_gather(tensor(new long[] { r, 2L * r }));
        pg.barrier();
        return new Result(s.data<float>(), a.data<double>(), b.data<float>(), g.Select(t => t.data<long>()).ToArray());
    }

    private static bool Skip([System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        if (DistHarness.Unavailable(test))
        {
            return true;
        }

        if (PythonReference.MissingReason is { } why)
        {
            Console.Error.WriteLine($"SKIPPED {test} (python3-torch unavailable): {why}");
            return true;
        }

        return false;
    }

    private static Process StartPython(int port, int rank, string mode)
    {
        var psi = new ProcessStartInfo(PythonReference.Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { DistHarness.Fixture("python_peer.py"), $"tcp://127.0.0.1:{port}", rank.ToString(), World.ToString(), mode })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["OMP_NUM_THREADS"] = "1";
        return Process.Start(psi)!;
    }

    private static JsonElement Finish(Process py)
    {
        Task<string> stdout = py.StandardOutput.ReadToEndAsync();
        Task<string> stderr = py.StandardError.ReadToEndAsync();
        Assert.True(py.WaitForExit(30_000), "python peer did not exit");
        Assert.True(py.ExitCode == 0, "python peer failed:\n" + stderr.Result);
        return JsonDocument.Parse(stdout.Result.TrimEnd().Split('\n')[^1]).RootElement.Clone();
    }
}
