using System.Text;
using Trainer.Training.Logging.Crc;

namespace Trainer.Training.Tests.Logging;

public class CrcTests
{
    private static readonly byte[] CheckInput = Encoding.ASCII.GetBytes("123456789");

    [Fact]
    public void Crc32C_of_the_check_string_is_E3069283()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute(CheckInput));
    }

    [Fact]
    public void Crc32_of_the_check_string_is_CBF43926()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(CheckInput));
    }

    [Theory]
    [InlineData(0x00, 0x8A9136AAu)]
    [InlineData(0xFF, 0x62A8AB43u)]
    public void Crc32C_matches_the_RFC_3720_vectors_for_32_constant_bytes(byte fill, uint expected)
    {
        var data = Enumerable.Repeat(fill, 32).ToArray();
        Assert.Equal(expected, Crc32C.Compute(data));
    }

    [Fact]
    public void Crc32C_matches_the_RFC_3720_vector_for_32_ascending_bytes()
    {
        var data = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        Assert.Equal(0x46DD794Eu, Crc32C.Compute(data));
    }

    [Fact]
    public void Hardware_and_slicing_by_8_agree_with_the_bitwise_definition_for_every_length_up_to_100()
    {
        var random = new Random(7);
        for (var length = 0; length <= 100; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(Reference.Crc32C(data), Crc32C.Compute(data));
            Assert.Equal(Reference.Crc32C(data), Crc32C.ComputeSoftware(data));
            Assert.Equal(Reference.Crc32(data), Crc32.Compute(data));
        }
    }

    [Fact]
    public void Appending_in_pieces_equals_computing_in_one_go()
    {
        var data = new byte[1000];
        new Random(3).NextBytes(data);
        var whole = Crc32C.Compute(data);
        var pieces = Crc32C.Append(Crc32C.Append(Crc32C.Compute(data.AsSpan(0, 13)), data.AsSpan(13, 500)), data.AsSpan(513));
        Assert.Equal(whole, pieces);
    }

    [Fact]
    public void Mask_follows_the_TFRecord_formula_and_unmask_inverts_it()
    {
        var random = new Random(11);
        for (var i = 0; i < 1000; i++)
        {
            var crc = (uint)random.NextInt64(0, 1L << 32);
            Assert.Equal(Reference.Mask(crc), Crc32C.Mask(crc));
            Assert.Equal(crc, Crc32C.Unmask(Crc32C.Mask(crc)));
        }
    }
}
