using Trainer.Torch.Io;

namespace Trainer.Torch.Tests.Io;

/// <summary>float32 → bfloat16 by bit shifting with round-to-nearest-even, against hand cases and a slow reference.</summary>
public sealed class BFloat16BitsTests
{
    [Theory]
    [InlineData(0x3F800000u, 0x3F80)] // 1.0 exactly
    [InlineData(0x3F808000u, 0x3F80)] // halfway, even neighbour below
    [InlineData(0x3F818000u, 0x3F82)] // halfway, even neighbour above
    [InlineData(0x3F808001u, 0x3F81)] // just above halfway
    [InlineData(0x3F807FFFu, 0x3F80)] // just below halfway
    [InlineData(0x80000000u, 0x8000)] // -0.0 keeps its sign
    [InlineData(0x00000001u, 0x0000)] // smallest subnormal rounds to +0
    [InlineData(0x00018000u, 0x0002)] // subnormal tie to even
    [InlineData(0x7F7FFFFFu, 0x7F80)] // float.MaxValue overflows to +inf
    [InlineData(0x7F7F7FFFu, 0x7F7F)] // largest value that stays finite
    [InlineData(0xFF800000u, 0xFF80)] // -inf
    public void Rounding_matches_hand_worked_cases(uint floatBits, int expected)
    {
        Assert.Equal((ushort)expected, BFloat16Bits.FromSingle(BitConverter.UInt32BitsToSingle(floatBits)));
    }

    [Theory]
    [InlineData(0x7FC00000u)]
    [InlineData(0xFFC00001u)]
    [InlineData(0x7F800001u)] // signalling NaN whose payload would vanish under a plain shift
    public void Every_nan_becomes_the_canonical_quiet_nan(uint floatBits)
    {
        Assert.Equal(BFloat16Bits.CanonicalNaN, BFloat16Bits.FromSingle(BitConverter.UInt32BitsToSingle(floatBits)));
    }

    [Fact]
    public void Every_bfloat16_widens_exactly_and_rounds_back_to_itself()
    {
        for (var bits = 0; bits <= ushort.MaxValue; bits++)
        {
            var value = BFloat16Bits.ToSingle((ushort)bits);
            Assert.Equal((uint)bits << 16, BitConverter.SingleToUInt32Bits(value));
            if (!float.IsNaN(value))
            {
                Assert.Equal((ushort)bits, BFloat16Bits.FromSingle(value));
            }
        }
    }

    [Fact]
    public void Rounding_agrees_with_a_nearest_value_search_in_double_precision()
    {
        var rng = new Random(11);
        for (var i = 0; i < 20_000; i++)
        {
            var x = BitConverter.UInt32BitsToSingle((uint)rng.NextInt64(0, 1L << 32));
            if (!float.IsFinite(x))
            {
                continue;
            }

            Assert.Equal(NearestBFloat16(x), BFloat16Bits.FromSingle(x));
        }
    }

    [Fact]
    public void Span_conversions_match_the_scalar_ones_and_check_lengths()
    {
        float[] source = [1f, -3.5f, 1e-40f, 3e38f];
        var bits = new ushort[4];
        var back = new float[4];

        BFloat16Bits.FromSingle(source, bits);
        BFloat16Bits.ToSingle(bits, back);

        Assert.Equal(source.Select(BFloat16Bits.FromSingle), bits);
        Assert.Equal(bits.Select(BFloat16Bits.ToSingle), back);
        Assert.Throws<ArgumentException>(() => BFloat16Bits.FromSingle(source, new ushort[3]));
    }

    // Independent reference: the two bfloat16 candidates around x are its truncation and the next pattern up in
    // magnitude; pick the one nearer in double arithmetic, the even pattern on a tie. Beyond the largest finite
    // bfloat16, the upper candidate is ±∞ and wins only from 0x7F7F8000 on (the halfway point), as in IEEE rounding.
    private static ushort NearestBFloat16(float x)
    {
        var truncated = (ushort)(BitConverter.SingleToUInt32Bits(x) >> 16);
        var up = (ushort)(truncated + 1);
        var lowValue = (double)BFloat16Bits.ToSingle(truncated);
        var highValue = (truncated & 0x7FFF) == 0x7F7F
            ? Math.CopySign(Math.Pow(2, 128), x) // where the next step would be if the exponent did not saturate
            : (double)BFloat16Bits.ToSingle(up);
        var lowDistance = Math.Abs(x - lowValue);
        var highDistance = Math.Abs(x - highValue);
        if (lowDistance != highDistance)
        {
            return lowDistance < highDistance ? truncated : up;
        }

        return (truncated & 1) == 0 ? truncated : up;
    }
}
