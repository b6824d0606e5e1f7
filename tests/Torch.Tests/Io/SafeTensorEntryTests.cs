using Trainer.Torch.Io;

namespace Trainer.Torch.Tests.Io;

/// <summary>Typed factories and readers, and the checks an entry makes on its own.</summary>
public sealed class SafeTensorEntryTests
{
    [Fact]
    public void Typed_factories_store_little_endian_bytes()
    {
        Assert.Equal([0x00, 0x00, 0xC0, 0x3F], SafeTensorEntry.Create("f", [1.5f]).Data.ToArray());
        Assert.Equal([0x02, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80], SafeTensorEntry.Create("l", [long.MinValue + 0x0102]).Data.ToArray());
        Assert.Equal([0x00, 0x3C], SafeTensorEntry.Create("h", [(Half)1]).Data.ToArray());
        Assert.Equal([1, 0, 1], SafeTensorEntry.Create("b", [true, false, true]).Data.ToArray());
    }

    [Fact]
    public void Without_a_shape_an_entry_is_one_dimensional_and_an_empty_shape_is_a_scalar()
    {
        Assert.Equal([3L], SafeTensorEntry.Create("v", [1, 2, 3]).Shape);
        var scalar = SafeTensorEntry.Create("s", [2.0], []);
        Assert.Equal((0, 1L), (scalar.Rank, scalar.NumElements));
    }

    [Fact]
    public void Values_that_do_not_fill_the_shape_are_rejected_naming_the_tensor()
    {
        var error = Assert.Throws<ArgumentException>(() => SafeTensorEntry.Create("w", new float[5], [2, 3]));

        Assert.Contains("tensor 'w': 5 values do not fill shape [2, 3] (6 elements)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_constructor_rejects_a_data_length_that_does_not_match_the_shape()
    {
        var error = Assert.Throws<ArgumentException>(() => new SafeTensorEntry("w", SafeTensorDType.F64, [2], new byte[12]));

        Assert.Contains("needs 2 x 8 bytes, but the data has 12 bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("__metadata__")]
    public void Empty_and_reserved_names_are_rejected(string name)
    {
        Assert.Throws<ArgumentException>(() => SafeTensorEntry.Create(name, [1f]));
    }

    [Fact]
    public void A_negative_dimension_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new SafeTensorEntry("w", SafeTensorDType.U8, [-1], Array.Empty<byte>()));
    }

    [Fact]
    public void The_shape_property_is_a_copy_that_cannot_change_the_entry()
    {
        long[] shape = [2, 2];
        var entry = SafeTensorEntry.Create("w", new int[4], shape);
        shape[0] = 4;
        entry.Shape[1] = 9;

        Assert.Equal([2L, 2L], entry.Shape);
    }

    [Fact]
    public void Float_readers_widen_half_and_bfloat16_without_loss()
    {
        Assert.Equal([1.5f, -0.25f], SafeTensorEntry.Create("h", [(Half)1.5f, (Half)(-0.25f)]).ToFloatArray());
        Assert.Equal([1.0f, -2.0f], SafeTensorEntry.CreateBFloat16Bits("b", [(ushort)0x3F80, (ushort)0xC000]).ToFloatArray());
        Assert.Equal([0.1f], SafeTensorEntry.Create("f", [0.1f]).ToDoubleArray().Select(d => (float)d));
        Assert.Equal((double)0.1f, SafeTensorEntry.Create("f", [0.1f]).ToDoubleArray()[0]);
    }

    [Fact]
    public void Integer_readers_widen_smaller_integer_types_keeping_the_sign()
    {
        Assert.Equal([-128L, 127L], SafeTensorEntry.Create("i8", [sbyte.MinValue, sbyte.MaxValue]).ToInt64Array());
        Assert.Equal([255, 0], SafeTensorEntry.Create("u8", new byte[] { 255, 0 }).ToInt32Array());
        Assert.Equal([(short)-32768], SafeTensorEntry.Create("i16", [short.MinValue]).ToInt16Array());
        Assert.Equal([int.MinValue], SafeTensorEntry.Create("i32", [int.MinValue]).ToInt64Array().Select(v => (int)v));
    }

    [Fact]
    public void A_reader_for_the_wrong_dtype_names_the_tensor_and_the_right_reader()
    {
        var entry = SafeTensorEntry.Create("w", [1.0]);

        var error = Assert.Throws<InvalidOperationException>(() => entry.ToFloatArray());

        Assert.Equal("tensor 'w' is F64; ToFloatArray reads F32, F16 or BF16. Use the reader for F64 "
            + "(ToDoubleArray) or convert the tensor first.", error.Message);
        Assert.Throws<InvalidOperationException>(() => SafeTensorEntry.Create("l", [1L]).ToInt32Array());
        Assert.Throws<InvalidOperationException>(() => SafeTensorEntry.Create("b", [true]).ToByteArray());
    }

    [Fact]
    public void A_bool_byte_other_than_0_or_1_is_reported()
    {
        var entry = new SafeTensorEntry("mask", SafeTensorDType.BOOL, [3], new byte[] { 0, 1, 2 });

        var error = Assert.Throws<InvalidDataException>(() => entry.ToBoolArray());

        Assert.Contains("tensor 'mask': BOOL element 2 is the byte 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Float16_and_bfloat16_factories_round_to_nearest_even()
    {
        // 1 + 2^-11 is halfway between the halves 1 and 1 + 2^-10: ties go to the even significand, 1.
        Assert.Equal([(Half)1.0f], SafeTensorEntry.CreateFloat16("h", [1f + MathF.Pow(2, -11)]).ToHalfArray());
        // 1 + 2^-8 is halfway between the bfloat16s 1 and 1 + 2^-7: ties go to 1 (0x3F80).
        Assert.Equal([(ushort)0x3F80], SafeTensorEntry.CreateBFloat16("b", [1f + MathF.Pow(2, -8)]).ToBFloat16Bits());
    }

    [Fact]
    public void Entries_in_a_file_must_have_unique_names()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            SafeTensorsFile.ToBytes([SafeTensorEntry.Create("w", [1f]), SafeTensorEntry.Create("w", [2f])]));

        Assert.Contains("two entries are named 'w'", error.Message, StringComparison.Ordinal);
    }
}
