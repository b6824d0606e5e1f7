using Trainer.Torch.Io;

namespace Trainer.Torch.Tests.Io;

/// <summary>
/// The hand-written contents of the interop fixture, listed independently of tests/fixtures/safetensors/fixture.py
/// (which must hold the same values). Floats compare bit for bit (so -0.0 ≠ 0.0) except NaN, which only has to be NaN.
/// </summary>
internal static class InteropExpectations
{
    public const string UnicodeName = "na\u00efve/\u00fcnicode \u2713";

    public static IReadOnlyDictionary<string, string> Metadata { get; } = new Dictionary<string, string>
    {
        ["format"] = "pt",
        ["step"] = "123",
        ["note"] = "h\u00e9llo \u2713 \"quoted\"",
    };

    public static readonly double[] F64 = [0.0, -0.0, 1.0 / 3.0, -1e300, double.Epsilon, double.PositiveInfinity];
    public static readonly float[] F32 = [1.5f, -2.25f, float.MaxValue, float.Epsilon, float.NegativeInfinity, float.NaN];
    public static readonly Half[] F16 = [(Half)1.0f, (Half)(-0.5f), Half.MaxValue, Half.Epsilon];

    // 1.0, -2.0, 3.140625, largest finite bfloat16 (3.3895313892515355e38), worked out by hand
    public static readonly ushort[] Bf16Bits = [0x3F80, 0xC000, 0x4049, 0x7F7F];
    public static readonly long[] I64 = [long.MinValue, 0, long.MaxValue];
    public static readonly int[] I32 = [int.MinValue, -1, 1, int.MaxValue];
    public static readonly short[] I16 = [short.MinValue, -1, 0, short.MaxValue];
    public static readonly sbyte[] I8 = [sbyte.MinValue, -1, 0, sbyte.MaxValue];
    public static readonly byte[] U8 = [0, 1, 128, 255];
    public static readonly bool[] Bool = [true, false, true, true, false, false];
    public static readonly float[] Weight = [0.25f, 0.5f, 0.75f, 1.0f];

    /// <summary>The fixed tensors as entries built with the typed factories.</summary>
    public static List<SafeTensorEntry> FixedEntries() =>
    [
        SafeTensorEntry.Create("f64", F64, [2, 3]),
        SafeTensorEntry.Create("f32", F32, [3, 2]),
        SafeTensorEntry.Create("f16", F16, [4]),
        SafeTensorEntry.CreateBFloat16Bits("bf16", Bf16Bits, [2, 2]),
        SafeTensorEntry.Create("i64", I64, [3]),
        SafeTensorEntry.Create("i32", I32, [2, 2]),
        SafeTensorEntry.Create("i16", I16, [4]),
        SafeTensorEntry.Create("i8", I8, [4]),
        SafeTensorEntry.Create("u8", U8, [4]),
        SafeTensorEntry.Create("bool", Bool, [2, 3]),
        SafeTensorEntry.Create("scalar", [42.0f], []),
        SafeTensorEntry.Create("empty", ReadOnlySpan<float>.Empty, [0, 3]),
        SafeTensorEntry.Create("layers.0.attn.weight", Weight, [2, 2]),
        SafeTensorEntry.Create(UnicodeName, [(sbyte)7], [1]),
    ];

    /// <summary>Asserts that every fixed tensor and the metadata are present with the expected dtype, shape, values.</summary>
    public static void AssertFixed(SafeTensorsFile file)
    {
        Assert.Equal(Metadata.OrderBy(kv => kv.Key), file.Metadata.OrderBy(kv => kv.Key));
        AssertTensor(file, "f64", SafeTensorDType.F64, [2, 3]);
        AssertSameBits(F64, file["f64"].ToDoubleArray());
        AssertTensor(file, "f32", SafeTensorDType.F32, [3, 2]);
        AssertSameBits(F32, file["f32"].ToFloatArray());
        AssertTensor(file, "f16", SafeTensorDType.F16, [4]);
        Assert.Equal(F16, file["f16"].ToHalfArray());
        AssertTensor(file, "bf16", SafeTensorDType.BF16, [2, 2]);
        Assert.Equal(Bf16Bits, file["bf16"].ToBFloat16Bits());
        AssertTensor(file, "i64", SafeTensorDType.I64, [3]);
        Assert.Equal(I64, file["i64"].ToInt64Array());
        AssertTensor(file, "i32", SafeTensorDType.I32, [2, 2]);
        Assert.Equal(I32, file["i32"].ToInt32Array());
        AssertTensor(file, "i16", SafeTensorDType.I16, [4]);
        Assert.Equal(I16, file["i16"].ToInt16Array());
        AssertTensor(file, "i8", SafeTensorDType.I8, [4]);
        Assert.Equal(I8, file["i8"].ToSByteArray());
        AssertTensor(file, "u8", SafeTensorDType.U8, [4]);
        Assert.Equal(U8, file["u8"].ToByteArray());
        AssertTensor(file, "bool", SafeTensorDType.BOOL, [2, 3]);
        Assert.Equal(Bool, file["bool"].ToBoolArray());
        AssertTensor(file, "scalar", SafeTensorDType.F32, []);
        Assert.Equal([42.0f], file["scalar"].ToFloatArray());
        AssertTensor(file, "empty", SafeTensorDType.F32, [0, 3]);
        Assert.Empty(file["empty"].ToFloatArray());
        AssertTensor(file, "layers.0.attn.weight", SafeTensorDType.F32, [2, 2]);
        Assert.Equal(Weight, file["layers.0.attn.weight"].ToFloatArray());
        AssertTensor(file, UnicodeName, SafeTensorDType.I8, [1]);
        Assert.Equal([(sbyte)7], file[UnicodeName].ToSByteArray());
    }

    /// <summary>float32 samples that exercise rounding: random bit patterns (NaN, ∞, subnormals), bfloat16 ties,
    /// values across the float16 range and float16 ties. Same recipe as fixture.py, different generator.</summary>
    public static float[] RoundingSamples(int seed)
    {
        var rng = new Random(seed);
        var samples = new List<float>();
        for (var i = 0; i < 1024; i++)
        {
            samples.Add(BitConverter.UInt32BitsToSingle((uint)rng.NextInt64(0, 1L << 32)));
        }

        for (var i = 0; i < 256; i++)
        {
            samples.Add(BitConverter.UInt32BitsToSingle(((uint)rng.Next(0, 1 << 16) << 16) | 0x8000u));
        }

        for (var i = 0; i < 1024; i++)
        {
            samples.Add((float)(Normal(rng) * Math.Pow(2, rng.Next(-26, 17))));
        }

        for (var i = 0; i < 256; i++)
        {
            var h = (Half)Normal(rng);
            samples.Add(((float)h + (float)Half.BitIncrement(h)) / 2);
        }

        return [.. samples];
    }

    public static void AssertSameBits(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var same = float.IsNaN(expected[i])
                ? float.IsNaN(actual[i])
                : BitConverter.SingleToUInt32Bits(expected[i]) == BitConverter.SingleToUInt32Bits(actual[i]);
            Assert.True(same, $"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    public static void AssertSameBits(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var same = double.IsNaN(expected[i])
                ? double.IsNaN(actual[i])
                : BitConverter.DoubleToUInt64Bits(expected[i]) == BitConverter.DoubleToUInt64Bits(actual[i]);
            Assert.True(same, $"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    private static void AssertTensor(SafeTensorsFile file, string name, SafeTensorDType dtype, long[] shape)
    {
        Assert.True(file.Contains(name), $"tensor '{name}' is missing from {file.Source}");
        Assert.Equal(dtype, file[name].DType);
        Assert.Equal(shape, file[name].Shape);
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
