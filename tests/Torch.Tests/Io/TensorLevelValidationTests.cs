using Trainer.Torch.Io;

namespace Trainer.Torch.Tests.Io;

/// <summary>Rules about one tensor's header entry and how the entries tile the data section.</summary>
public sealed class TensorLevelValidationTests
{
    private const string Rewrite = "save the tensors again with a conforming writer";

    private static byte[] OneTensor(string entry, int dataLength) =>
        CorruptFiles.Build("{'w': " + entry + "}", dataLength);

    [Fact]
    public void An_unknown_dtype_is_rejected_with_the_supported_list_and_how_to_convert()
    {
        CorruptFiles.ReadFails(OneTensor("{'dtype': 'F31', 'shape': [1], 'data_offsets': [0, 4]}", 4), "w",
            "unknown dtype \"F31\"", "supported: F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL",
            "tensor.to(torch.float32)");
    }

    [Fact]
    public void A_lower_case_dtype_is_unknown_because_dtypes_are_case_sensitive()
    {
        CorruptFiles.ReadFails(OneTensor("{'dtype': 'f32', 'shape': [1], 'data_offsets': [0, 4]}", 4), "w",
            "unknown dtype \"f32\"", "(case-sensitive)");
    }

    [Fact]
    public void A_safetensors_dtype_we_do_not_support_is_named_as_such()
    {
        CorruptFiles.ReadFails(OneTensor("{'dtype': 'U16', 'shape': [2], 'data_offsets': [0, 4]}", 4), "w",
            "dtype \"U16\" is a safetensors dtype that Trainer does not support");
    }

    [Theory]
    [InlineData("[-1]", "dimension 0 is the number -1")]
    [InlineData("[2, 1.5]", "dimension 1 is the number 1.5")]
    [InlineData("[2, '3']", "dimension 1 is the string \"3\"")]
    [InlineData("[18446744073709551616]", "dimension 0 is the number 18446744073709551616")]
    [InlineData("4", "but it is the number 4")]
    public void A_shape_that_is_not_an_array_of_non_negative_integers_is_rejected(string shape, string detail)
    {
        CorruptFiles.ReadFails(OneTensor("{'dtype': 'U8', 'shape': " + shape + ", 'data_offsets': [0, 0]}", 0), "w",
            "shape must be an array of non-negative integers", detail, Rewrite);
    }

    [Theory]
    [InlineData("[0]", "of length 1")]
    [InlineData("[0, 4, 8]", "of length 3")]
    [InlineData("{'begin': 0}", "an object")]
    [InlineData("[-4, 0]", "-4, 0")]
    [InlineData("[0, 4.0]", "0, 4.0")]
    [InlineData("[4, 0]", "begin 4 is after end 0")]
    public void Data_offsets_that_are_not_an_ordered_pair_of_non_negative_integers_are_rejected(string offsets, string detail)
    {
        CorruptFiles.ReadFails(OneTensor("{'dtype': 'U8', 'shape': [4], 'data_offsets': " + offsets + "}", 4), "w",
            "data_offsets must be [begin, end]", detail);
    }

    [Fact]
    public void Data_offsets_beyond_the_data_section_are_rejected()
    {
        CorruptFiles.ReadFails(OneTensor("{'dtype': 'F32', 'shape': [4], 'data_offsets': [0, 16]}", 12), "w",
            "data_offsets [0, 16] end beyond the data section, which is only 12 bytes long", "truncated or corrupt");
    }

    [Fact]
    public void A_byte_size_that_does_not_match_shape_times_element_size_is_rejected()
    {
        CorruptFiles.ReadFails(OneTensor("{'dtype': 'F32', 'shape': [2, 3], 'data_offsets': [0, 20]}", 20), "w",
            "data_offsets [0, 20] hold 20 bytes, but shape [2, 3] of F32 needs 6 elements x 4 bytes = 24 bytes",
            "byte size mismatch");
    }

    [Fact]
    public void A_shape_whose_element_count_overflows_is_rejected()
    {
        CorruptFiles.ReadFails(
            OneTensor("{'dtype': 'F64', 'shape': [4294967296, 4294967296], 'data_offsets': [0, 8]}", 8), "w",
            "has more elements than a 64-bit count holds");
    }

    [Fact]
    public void A_gap_between_tensors_is_rejected()
    {
        var bytes = CorruptFiles.Build(
            "{'a': {'dtype': 'F32', 'shape': [1], 'data_offsets': [0, 4]}, 'b': {'dtype': 'F32', 'shape': [1], 'data_offsets': [8, 12]}}", 12);

        CorruptFiles.ReadFails(bytes, "b", "leave a gap: bytes [4, 8) after tensor 'a' belong to no tensor", Rewrite);
    }

    [Fact]
    public void A_gap_before_the_first_tensor_is_rejected()
    {
        CorruptFiles.ReadFails(OneTensor("{'dtype': 'U8', 'shape': [2], 'data_offsets': [2, 4]}", 4), "w",
            "bytes [0, 2) after the start of the data section belong to no tensor");
    }

    [Fact]
    public void Overlapping_tensors_are_rejected()
    {
        var bytes = CorruptFiles.Build(
            "{'a': {'dtype': 'F32', 'shape': [2], 'data_offsets': [0, 8]}, 'b': {'dtype': 'F32', 'shape': [2], 'data_offsets': [4, 12]}}", 12);

        CorruptFiles.ReadFails(bytes, "b", "data_offsets [4, 12] overlap tensor 'a' at [0, 8]");
    }

    [Fact]
    public void Tensors_listed_out_of_data_order_are_accepted_when_they_tile()
    {
        var bytes = CorruptFiles.Build(
            "{'a': {'dtype': 'U8', 'shape': [2], 'data_offsets': [1, 3]}, 'b': {'dtype': 'U8', 'shape': [], 'data_offsets': [0, 1]}, 'z': {'dtype': 'F64', 'shape': [0], 'data_offsets': [3, 3]}}", 3);
        bytes[^3] = 9;
        bytes[^2] = 10;
        bytes[^1] = 11;

        var file = SafeTensorsFile.Read(bytes);

        Assert.Equal(["b", "a", "z"], file.Names);
        Assert.Equal([9], file["b"].ToByteArray());
        Assert.Equal([10, 11], file["a"].ToByteArray());
        Assert.Empty(file["z"].ToDoubleArray());
    }

    [Theory]
    [InlineData("{'dtype': 'U8', 'shape': [0]}", "the field \"data_offsets\" is missing")]
    [InlineData("{'shape': [0], 'data_offsets': [0, 0]}", "the field \"dtype\" is missing")]
    [InlineData("{'dtype': 'U8', 'shape': [0], 'offsets': [0, 0], 'data_offsets': [0, 0]}", "unknown field \"offsets\"")]
    [InlineData("{'dtype': 'U8', 'dtype': 'U8', 'shape': [0], 'data_offsets': [0, 0]}", "the field \"dtype\" appears twice")]
    [InlineData("{'dtype': 8, 'shape': [0], 'data_offsets': [0, 0]}", "dtype is the number 8, not a string")]
    [InlineData("'F32'", "the entry is the string \"F32\", but it must be an object")]
    public void A_malformed_tensor_entry_is_rejected(string entry, string detail)
    {
        CorruptFiles.ReadFails(OneTensor(entry, 0), "w", detail, Rewrite);
    }

    [Fact]
    public void An_empty_tensor_name_is_rejected()
    {
        CorruptFiles.ReadFails(CorruptFiles.Build("{'': {'dtype': 'U8', 'shape': [0], 'data_offsets': [0, 0]}}", 0), "",
            "the tensor name is the empty string");
    }
}
