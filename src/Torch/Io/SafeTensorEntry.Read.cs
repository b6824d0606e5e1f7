namespace Trainer.Torch.Io;

/// <summary>
/// Typed readers: bytes → a new row-major array. Each reader accepts its own dtype and the dtypes that convert to
/// it without loss (e.g. <see cref="ToFloatArray"/> also widens F16 and BF16); any other dtype throws
/// InvalidOperationException naming the tensor and the reader to use instead.
/// </summary>
public sealed partial class SafeTensorEntry
{
    /// <summary>Values of an F32, F16 or BF16 tensor as floats.</summary>
    public float[] ToFloatArray() => DType switch
    {
        SafeTensorDType.F32 => LittleEndianBytes.To<float>(Data.Span),
        SafeTensorDType.F16 => Array.ConvertAll(ToHalfArray(), h => (float)h),
        SafeTensorDType.BF16 => Array.ConvertAll(ToBFloat16Bits(), BFloat16Bits.ToSingle),
        _ => throw WrongDType(nameof(ToFloatArray), "F32, F16 or BF16"),
    };

    /// <summary>Values of an F64, F32, F16 or BF16 tensor as doubles.</summary>
    public double[] ToDoubleArray() => DType switch
    {
        SafeTensorDType.F64 => LittleEndianBytes.To<double>(Data.Span),
        SafeTensorDType.F32 or SafeTensorDType.F16 or SafeTensorDType.BF16 =>
            Array.ConvertAll(ToFloatArray(), f => (double)f),
        _ => throw WrongDType(nameof(ToDoubleArray), "F64, F32, F16 or BF16"),
    };

    /// <summary>Values of an F16 tensor.</summary>
    public Half[] ToHalfArray() => DType == SafeTensorDType.F16
        ? LittleEndianBytes.To<Half>(Data.Span)
        : throw WrongDType(nameof(ToHalfArray), "F16");

    /// <summary>Raw bit patterns of a BF16 tensor (see <see cref="BFloat16Bits"/>).</summary>
    public ushort[] ToBFloat16Bits() => DType == SafeTensorDType.BF16
        ? LittleEndianBytes.To<ushort>(Data.Span)
        : throw WrongDType(nameof(ToBFloat16Bits), "BF16");

    /// <summary>Values of an I64, I32, I16, I8 or U8 tensor as longs.</summary>
    public long[] ToInt64Array() => DType switch
    {
        SafeTensorDType.I64 => LittleEndianBytes.To<long>(Data.Span),
        SafeTensorDType.I32 or SafeTensorDType.I16 or SafeTensorDType.I8 or SafeTensorDType.U8 =>
            Array.ConvertAll(ToInt32Array(), v => (long)v),
        _ => throw WrongDType(nameof(ToInt64Array), "I64, I32, I16, I8 or U8"),
    };

    /// <summary>Values of an I32, I16, I8 or U8 tensor as ints.</summary>
    public int[] ToInt32Array() => DType switch
    {
        SafeTensorDType.I32 => LittleEndianBytes.To<int>(Data.Span),
        SafeTensorDType.I16 or SafeTensorDType.I8 or SafeTensorDType.U8 =>
            Array.ConvertAll(ToInt16Array(), v => (int)v),
        _ => throw WrongDType(nameof(ToInt32Array), "I32, I16, I8 or U8"),
    };

    /// <summary>Values of an I16, I8 or U8 tensor as shorts.</summary>
    public short[] ToInt16Array() => DType switch
    {
        SafeTensorDType.I16 => LittleEndianBytes.To<short>(Data.Span),
        SafeTensorDType.I8 => Array.ConvertAll(ToSByteArray(), v => (short)v),
        SafeTensorDType.U8 => Array.ConvertAll(ToByteArray(), v => (short)v),
        _ => throw WrongDType(nameof(ToInt16Array), "I16, I8 or U8"),
    };

    /// <summary>Values of an I8 tensor.</summary>
    public sbyte[] ToSByteArray() => DType == SafeTensorDType.I8
        ? LittleEndianBytes.To<sbyte>(Data.Span)
        : throw WrongDType(nameof(ToSByteArray), "I8");

    /// <summary>Values of a U8 tensor (for the raw bytes of any tensor use <see cref="Data"/>).</summary>
    public byte[] ToByteArray() => DType == SafeTensorDType.U8
        ? Data.ToArray()
        : throw WrongDType(nameof(ToByteArray), "U8");

    /// <summary>Values of a BOOL tensor; a byte other than 0 or 1 throws InvalidDataException.</summary>
    public bool[] ToBoolArray()
    {
        if (DType != SafeTensorDType.BOOL)
        {
            throw WrongDType(nameof(ToBoolArray), "BOOL");
        }

        var bytes = Data.Span;
        var values = new bool[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            values[i] = bytes[i] switch
            {
                0 => false,
                1 => true,
                _ => throw new InvalidDataException(
                    $"tensor '{Name}': BOOL element {i} is the byte {bytes[i]}, but a BOOL must be 0 or 1"),
            };
        }

        return values;
    }

    private InvalidOperationException WrongDType(string reader, string accepted) =>
        new($"tensor '{Name}' is {DType.HeaderName()}; {reader} reads {accepted}. Use the reader for "
            + $"{DType.HeaderName()} ({ReaderFor(DType)}) or convert the tensor first.");

    private static string ReaderFor(SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.F64 => nameof(ToDoubleArray),
        SafeTensorDType.F32 => nameof(ToFloatArray),
        SafeTensorDType.F16 => $"{nameof(ToHalfArray)} or {nameof(ToFloatArray)}",
        SafeTensorDType.BF16 => $"{nameof(ToBFloat16Bits)} or {nameof(ToFloatArray)}",
        SafeTensorDType.I64 => nameof(ToInt64Array),
        SafeTensorDType.I32 => nameof(ToInt32Array),
        SafeTensorDType.I16 => nameof(ToInt16Array),
        SafeTensorDType.I8 => nameof(ToSByteArray),
        SafeTensorDType.U8 => nameof(ToByteArray),
        _ => nameof(ToBoolArray),
    };
}
