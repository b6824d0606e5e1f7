using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.Engine;

[Collection(Trainer.Torch.Tests.NnTests.GlobalGeneratorCollection.Name)]
public class RuntimeTests
{
    [Fact]
    public void An_optimized_BLAS_is_loaded()
    {
        Assert.True(Runtime.HasOptimizedBlas,
            "libtorch is using the reference BLAS (about 25x slower). Install OpenBLAS: " +
            "apt-get install libopenblas0-pthread (scripts/setup.sh does this). Loaded: " +
            string.Join(", ", Runtime.BlasLibraries));
        Assert.Contains(Runtime.BlasLibraries, p => p.Contains("openblas", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Thread_settings_are_applied()
    {
        int torchBefore = get_num_threads();
        int blasBefore = Runtime.BlasThreads;
        try
        {
            Runtime.SetThreads(2, 1);
            Assert.Equal(2, get_num_threads());
            Assert.Equal(1, Runtime.BlasThreads);
        }
        finally
        {
            Runtime.SetThreads(torchBefore, blasBefore);
        }
    }

    [Fact]
    public void Version_and_cuda_report_the_cpu_build()
    {
        Assert.StartsWith("1.", __version__);
        Assert.False(cuda.is_available());
        Assert.Equal(0, cuda.device_count());
        Assert.Contains("BLAS", backends.config, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Rng_state_round_trip_replays_the_same_numbers()
    {
        manual_seed(7);
        using Tensor state = get_rng_state();
        float[] first = randn(5).data<float>();
        set_rng_state(state);
        float[] again = randn(5).data<float>();
        Assert.Equal(first, again);
    }

    [Fact]
    public void Random_functions_match_pytorch_for_the_same_seed()
    {
        const string script = """
            import json, torch
            torch.manual_seed(123)
            out = {"randn": torch.randn(2, 3).flatten().tolist(), "rand": torch.rand(4).tolist(),
                   "randint": torch.randint(0, 10, (6,)).tolist(), "randperm": torch.randperm(7).tolist(),
                   "normal": torch.normal(2.0, 3.0, (3,)).tolist()}
            print(json.dumps(out))
            """;
        var reference = PythonReference.RunJson(script);
        if (reference is null)
        {
            return; // PythonReference printed why (python3-torch missing)
        }

        manual_seed(123);
        float[] randn_ = randn(2, 3).data<float>();
        float[] rand_ = rand(4).data<float>();
        long[] randint_ = randint(0, 10, new long[] { 6 }).data<long>();
        long[] randperm_ = randperm(7).data<long>();
        float[] normal_ = normal(2.0, 3.0, new long[] { 3 }).data<float>();
        AssertClose(reference.Value.GetProperty("randn"), randn_);
        AssertClose(reference.Value.GetProperty("rand"), rand_);
        AssertClose(reference.Value.GetProperty("normal"), normal_);
        Assert.Equal(reference.Value.GetProperty("randint").EnumerateArray().Select(e => e.GetInt64()), randint_);
        Assert.Equal(reference.Value.GetProperty("randperm").EnumerateArray().Select(e => e.GetInt64()), randperm_);
    }

    private static void AssertClose(System.Text.Json.JsonElement expected, float[] actual)
    {
        double[] e = expected.EnumerateArray().Select(x => x.GetDouble()).ToArray();
        Assert.Equal(e.Length, actual.Length);
        for (int i = 0; i < e.Length; i++)
        {
            Assert.Equal(e[i], actual[i], 5);
        }
    }

    [Fact]
    public void Devices_parse_and_print()
    {
        Assert.Equal(Device.CPU, Device.Parse("cpu"));
        Assert.Equal(Device.CUDA(1), Device.Parse("cuda:1"));
        Assert.Equal("cuda:1", Device.CUDA(1).ToString());
        Assert.Throws<ArgumentException>(() => Device.Parse("tpu"));
        using var t = zeros(2);
        Assert.Equal(Device.CPU.Type, t.device.Type);
        Assert.Throws<TorchException>(() => t.to(Device.CUDA(0)));
    }
}
