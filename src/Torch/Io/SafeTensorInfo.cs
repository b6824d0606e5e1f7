namespace Trainer.Torch.Io;

/// <summary>
/// One tensor as the header describes it, without its data: name, dtype, shape and its byte range
/// [<see cref="DataBegin"/>, <see cref="DataEnd"/>) relative to the start of the data section.
/// </summary>
public sealed class SafeTensorInfo
{
    private readonly long[] _shape;

    internal SafeTensorInfo(string name, SafeTensorDType dtype, long[] shape, long numel, long dataBegin, long dataEnd)
    {
        Name = name;
        DType = dtype;
        _shape = shape;
        NumElements = numel;
        DataBegin = dataBegin;
        DataEnd = dataEnd;
    }

    /// <summary>The tensor's key in the header, e.g. "layers.0.attn.weight".</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public SafeTensorDType DType { get; }

    /// <summary>A copy of the shape; empty for a scalar.</summary>
    public long[] Shape => (long[])_shape.Clone();

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>numel = ∏ shape (1 for a scalar, 0 if any dimension is 0).</summary>
    public long NumElements { get; }

    /// <summary>First byte of the tensor, relative to the data section.</summary>
    public long DataBegin { get; }

    /// <summary>One past the last byte of the tensor, relative to the data section.</summary>
    public long DataEnd { get; }

    /// <summary>DataEnd − DataBegin = numel · element size.</summary>
    public long ByteLength => DataEnd - DataBegin;

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {DType.HeaderName()} {ShapeMath.Format(_shape)}";

    internal ReadOnlySpan<long> ShapeSpan => _shape;
}
