namespace Trainer.Torch.Io;

/// <summary>Typed factories: values (row-major) → little-endian bytes. shape null means 1-D [values.Length].</summary>
public sealed partial class SafeTensorEntry
{
    /// <summary>F64 tensor from doubles.</summary>
    public static SafeTensorEntry Create(string name, ReadOnlySpan<double> values, long[]? shape = null) =>
        FromValues(name, SafeTensorDType.F64, values, shape);

    /// <summary>F32 tensor from floats.</summary>
    public static SafeTensorEntry Create(string name, ReadOnlySpan<float> values, long[]? shape = null) =>
        FromValues(name, SafeTensorDType.F32, values, shape);

    /// <summary>F16 tensor from halves.</summary>
    public static SafeTensorEntry Create(string name, ReadOnlySpan<Half> values, long[]? shape = null) =>
        FromValues(name, SafeTensorDType.F16, values, shape);

    /// <summary>I64 tensor from longs.</summary>
    public static SafeTensorEntry Create(string name, ReadOnlySpan<long> values, long[]? shape = null) =>
        FromValues(name, SafeTensorDType.I64, values, shape);

    /// <summary>I32 tensor from ints.</summary>
    public static SafeTensorEntry Create(string name, ReadOnlySpan<int> values, long[]? shape = null) =>
        FromValues(name, SafeTensorDType.I32, values, shape);

    /// <summary>I16 tensor from shorts.</summary>
    public static SafeTensorEntry Create(string name, ReadOnlySpan<short> values, long[]? shape = null) =>
        FromValues(name, SafeTensorDType.I16, values, shape);

    /// <summary>I8 tensor from signed bytes.</summary>
    public static SafeTensorEntry Create(string name, ReadOnlySpan<sbyte> values, long[]? shape = null) =>
        FromValues(name, SafeTensorDType.I8, values, shape);

    /// <summary>U8 tensor from bytes.</summary>
    public static SafeTensorEntry Create(string name, ReadOnlySpan<byte> values, long[]? shape = null) =>
        FromValues(name, SafeTensorDType.U8, values, shape);

    /// <summary>BOOL tensor: one byte per element, 1 for true and 0 for false.</summary>
    public static SafeTensorEntry Create(string name, ReadOnlySpan<bool> values, long[]? shape = null)
    {
        var bytes = new byte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            bytes[i] = values[i] ? (byte)1 : (byte)0;
        }

        return new SafeTensorEntry(name, SafeTensorDType.BOOL, ResolveShape(name, values.Length, shape), bytes);
    }

    /// <summary>F16 tensor from floats, each rounded to the nearest binary16 (ties to even; overflow → ±∞).</summary>
    public static SafeTensorEntry CreateFloat16(string name, ReadOnlySpan<float> values, long[]? shape = null)
    {
        var halves = new Half[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            halves[i] = (Half)values[i];
        }

        return Create(name, halves, shape);
    }

    /// <summary>BF16 tensor from floats, rounded as <see cref="BFloat16Bits.FromSingle(float)"/> does.</summary>
    public static SafeTensorEntry CreateBFloat16(string name, ReadOnlySpan<float> values, long[]? shape = null)
    {
        var bits = new ushort[values.Length];
        BFloat16Bits.FromSingle(values, bits);
        return CreateBFloat16Bits(name, bits, shape);
    }

    /// <summary>BF16 tensor from raw bfloat16 bit patterns.</summary>
    public static SafeTensorEntry CreateBFloat16Bits(string name, ReadOnlySpan<ushort> bits, long[]? shape = null) =>
        FromValues(name, SafeTensorDType.BF16, bits, shape);

    private static SafeTensorEntry FromValues<T>(string name, SafeTensorDType dtype, ReadOnlySpan<T> values, long[]? shape)
        where T : unmanaged =>
        new(name, dtype, ResolveShape(name, values.Length, shape), LittleEndianBytes.From(values));

    private static long[] ResolveShape(string name, int count, long[]? shape)
    {
        if (shape is null)
        {
            return [count];
        }

        var numel = ShapeMath.TryNumel(shape);
        if (numel != count)
        {
            throw new ArgumentException(
                $"tensor '{name}': {count} values do not fill shape {ShapeMath.Format(shape)}"
                + (numel is null ? " (negative or overflowing dimensions)" : $" ({numel} elements)"), nameof(shape));
        }

        return shape;
    }
}
