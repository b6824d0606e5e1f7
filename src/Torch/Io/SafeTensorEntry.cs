namespace Trainer.Torch.Io;

/// <summary>
/// One named tensor of a safetensors file: dtype, shape (row-major, empty for a scalar) and its raw little-endian
/// bytes, with |Data| = numel · element size. Create one from a typed array with the <c>Create</c> overloads and
/// read it back with the <c>To…Array</c> methods. Immutable; the data is not copied by the constructor.
/// </summary>
public sealed partial class SafeTensorEntry
{
    private readonly long[] _shape;

    /// <summary>Wraps raw bytes; throws ArgumentException when the name or the sizes are wrong.</summary>
    /// <param name="name">Non-empty, not "__metadata__".</param>
    /// <param name="dtype">Element type.</param>
    /// <param name="shape">Dimensions, each ≥ 0; empty for a scalar. Copied.</param>
    /// <param name="data">numel · element size little-endian bytes; kept, not copied.</param>
    public SafeTensorEntry(string name, SafeTensorDType dtype, long[] shape, ReadOnlyMemory<byte> data)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        CheckName(name);
        _ = dtype.ElementSize();
        var numel = ShapeMath.TryNumel(shape) ?? throw new ArgumentException(
            $"tensor '{name}': shape {ShapeMath.Format(shape)} must have non-negative dimensions whose product fits "
            + "in 64 bits", nameof(shape));
        var needed = ShapeMath.TryByteLength(numel, dtype.ElementSize());
        if (needed != data.Length)
        {
            throw new ArgumentException(
                $"tensor '{name}': shape {ShapeMath.Format(shape)} of {dtype.HeaderName()} needs {numel} x "
                + $"{dtype.ElementSize()} bytes, but the data has {data.Length} bytes", nameof(data));
        }

        Name = name;
        DType = dtype;
        _shape = (long[])shape.Clone();
        NumElements = numel;
        Data = data;
    }

    /// <summary>The tensor's key, e.g. "layers.0.attn.weight".</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public SafeTensorDType DType { get; }

    /// <summary>A copy of the shape; empty for a scalar.</summary>
    public long[] Shape => (long[])_shape.Clone();

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>numel = ∏ shape (1 for a scalar).</summary>
    public long NumElements { get; }

    /// <summary>The raw little-endian bytes, numel · element size long, row-major.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {DType.HeaderName()} {ShapeMath.Format(_shape)}";

    internal ReadOnlySpan<long> ShapeSpan => _shape;

    internal static void CheckName(string name)
    {
        if (name.Length == 0)
        {
            throw new ArgumentException("a tensor name must not be empty", nameof(name));
        }

        if (name == "__metadata__")
        {
            throw new ArgumentException("'__metadata__' is reserved for the metadata map and cannot name a tensor",
                nameof(name));
        }
    }
}
