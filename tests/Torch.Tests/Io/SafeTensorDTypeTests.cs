using Trainer.Torch.Io;

namespace Trainer.Torch.Tests.Io;

public sealed class SafeTensorDTypeTests
{
    [Theory]
    [InlineData(SafeTensorDType.F64, "F64", 8)]
    [InlineData(SafeTensorDType.F32, "F32", 4)]
    [InlineData(SafeTensorDType.F16, "F16", 2)]
    [InlineData(SafeTensorDType.BF16, "BF16", 2)]
    [InlineData(SafeTensorDType.I64, "I64", 8)]
    [InlineData(SafeTensorDType.I32, "I32", 4)]
    [InlineData(SafeTensorDType.I16, "I16", 2)]
    [InlineData(SafeTensorDType.I8, "I8", 1)]
    [InlineData(SafeTensorDType.U8, "U8", 1)]
    [InlineData(SafeTensorDType.BOOL, "BOOL", 1)]
    public void Each_dtype_has_its_header_string_and_element_size(SafeTensorDType dtype, string header, int size)
    {
        Assert.Equal(header, dtype.HeaderName());
        Assert.Equal(size, dtype.ElementSize());
        Assert.True(SafeTensorDTypes.TryParse(header, out var parsed));
        Assert.Equal(dtype, parsed);
    }

    [Theory]
    [InlineData("f32")]
    [InlineData("float32")]
    [InlineData("U16")]
    [InlineData("")]
    public void Unsupported_or_misspelled_dtype_strings_do_not_parse(string header)
    {
        Assert.False(SafeTensorDTypes.TryParse(header, out _));
    }

    [Fact]
    public void All_lists_the_ten_supported_dtypes()
    {
        Assert.Equal(10, SafeTensorDTypes.All.Count);
        Assert.Equal("F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL", SafeTensorDTypes.SupportedList);
    }
}
