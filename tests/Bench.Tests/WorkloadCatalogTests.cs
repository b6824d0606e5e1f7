namespace Trainer.Bench.Tests;

public class WorkloadCatalogTests
{
    [Fact]
    public void All_starts_with_the_five_engine_workloads_in_order()
    {
        Assert.Equal(new[] { "tiny-add", "matmul-64", "mlp-step", "gemm-512", "gemm-2048" }, WorkloadCatalog.Expand(new[] { "all" }).Take(5));
    }

    [Fact]
    public void An_unknown_workload_is_an_error_that_lists_the_allowed_names()
    {
        var e = Assert.Throws<ArgumentException>(() => WorkloadCatalog.Expand(new[] { "gpt-step-typo" }));
        Assert.Contains("tiny-add", e.Message);
        Assert.Contains("gemm-<n>", e.Message);
    }

    [Fact]
    public void The_thread_sweep_covers_every_pair_of_one_and_all_cores()
    {
        var settings = BenchCli.Settings(new BenchOptions { ThreadSweep = true });
        int cores = Environment.ProcessorCount;
        int expected = cores > 1 ? 4 : 1;
        Assert.Equal(expected, settings.Count);
        Assert.Contains(new ThreadSetting(1, 1), settings);
        Assert.Contains(new ThreadSetting(cores, cores), settings);
    }

    [Fact]
    public void A_bad_argument_returns_exit_code_2_without_running()
    {
        var output = new StringWriter();
        var progress = new StringWriter();
        int code = BenchCli.Run(new[] { "nope" }, new BenchOptions(), output, progress);
        Assert.Equal(2, code);
        Assert.Contains("unknown workload", progress.ToString());
        Assert.Equal("", output.ToString());
    }
}

public class RegisteredWorkloadTests
{
    private sealed class Noop : Workload
    {
        public override string Name => "test-noop";

        public override string Description => "nothing";

        public override string Unit => "us/op";

        public override void Setup()
        {
        }

        public override void Run(long iterations)
        {
        }

        public override double Checksum() => 0;

        public override double ToUnit(double secondsPerIteration) => secondsPerIteration * 1e6;
    }

    [Fact]
    public void A_registered_workload_joins_all_after_the_engine_set()
    {
        WorkloadCatalog.Register("test-noop", () => new Noop());
        IReadOnlyList<string> all = WorkloadCatalog.Expand(new[] { "all" });
        Assert.Equal("test-noop", all[^1]);
        Assert.Equal(new[] { "tiny-add", "matmul-64", "mlp-step", "gemm-512", "gemm-2048" }, WorkloadCatalog.Expand(new[] { "engine" }));
        using Workload w = WorkloadCatalog.Factory("test-noop")();
        Assert.IsType<Noop>(w);
    }
}
