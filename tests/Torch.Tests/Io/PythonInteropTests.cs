using Trainer.Torch.Io;

namespace Trainer.Torch.Tests.Io;

/// <summary>
/// Files cross both ways between this code and an independent Python reader/writer (tests/fixtures/safetensors/
/// st_io.py over python3-torch). The checked-in fixture was written by fixture.py; the tests that run Python are
/// skipped with a loud reason when python3-torch is missing.
/// </summary>
public sealed class PythonInteropTests
{
    private const string CheckedInFixture = "python_all_dtypes.safetensors";

    [Fact]
    public void A_file_written_by_python_reads_back_with_every_dtype_value_and_the_metadata()
    {
        var file = SafeTensorsFile.Read(TestFiles.Fixture(CheckedInFixture));

        InteropExpectations.AssertFixed(file);
        Assert.Equal(17, file.Entries.Count);
    }

    [Fact]
    public void Our_bfloat16_and_float16_rounding_matches_torchs_on_the_python_samples()
    {
        var file = SafeTensorsFile.Read(TestFiles.Fixture(CheckedInFixture));
        var source = file["round.f32"].ToFloatArray();
        var torchBf16 = file["round.bf16"].ToBFloat16Bits();
        var torchF16 = file["round.f16"].ToHalfArray();

        Assert.Equal(2560, source.Length);
        for (var i = 0; i < source.Length; i++)
        {
            var ours = BFloat16Bits.FromSingle(source[i]);
            var oursHalf = (Half)source[i];
            if (float.IsNaN(source[i]))
            {
                Assert.True(float.IsNaN(BFloat16Bits.ToSingle(torchBf16[i])) && float.IsNaN(BFloat16Bits.ToSingle(ours)));
                Assert.True(Half.IsNaN(torchF16[i]) && Half.IsNaN(oursHalf));
                continue;
            }

            Assert.True(torchBf16[i] == ours, $"sample {i} ({source[i]:R}): torch bf16 0x{torchBf16[i]:X4}, ours 0x{ours:X4}");
            Assert.True(BitConverter.HalfToUInt16Bits(torchF16[i]) == BitConverter.HalfToUInt16Bits(oursHalf),
                $"sample {i} ({source[i]:R}): torch f16 {torchF16[i]}, ours {oursHalf}");
        }
    }

    [PythonTorchFact]
    public void The_fixture_script_still_writes_the_checked_in_file_byte_for_byte()
    {
        using var dir = new TempDir();
        var path = dir.File("fresh.safetensors");

        var (code, output) = PythonTorch.Run(TestFiles.Fixture("fixture.py"), "write", path);

        Assert.True(code == 0, output);
        Assert.True(File.ReadAllBytes(TestFiles.Fixture(CheckedInFixture)).AsSpan().SequenceEqual(File.ReadAllBytes(path)),
            $"fixture.py now writes a different file; regenerate {CheckedInFixture} with it and review the change");
    }

    [PythonTorchFact]
    public void A_file_written_here_loads_in_python_with_the_same_values_shapes_metadata_and_torch_rounding()
    {
        using var dir = new TempDir();
        var path = dir.File("from_csharp.safetensors");
        var samples = InteropExpectations.RoundingSamples(seed: 7);
        var entries = InteropExpectations.FixedEntries();
        entries.Add(SafeTensorEntry.Create("round.f32", samples));
        entries.Add(SafeTensorEntry.CreateBFloat16("round.bf16", samples));
        entries.Add(SafeTensorEntry.CreateFloat16("round.f16", samples));
        SafeTensorsFile.Write(path, entries, InteropExpectations.Metadata);

        var (code, output) = PythonTorch.Run(TestFiles.Fixture("fixture.py"), "check", path);

        Assert.True(code == 0, $"python check failed (exit {code}):\n{output}");
        Assert.Contains("checked 17 tensors and 3 metadata keys: OK", output, StringComparison.Ordinal);
    }
}
