using System.Buffers.Binary;

namespace Trainer.Training.Logging.Model;

/// <summary>
/// The parts of <c>TensorProto</c> used by TensorBoard summaries: dtype (1), tensor_shape (2, dims of size),
/// tensor_content (4, raw little-endian), float_val (5), double_val (6), string_val (8).
/// </summary>
public sealed record TensorData(int Dtype, long[] Shape)
{
    /// <summary>DataType DT_FLOAT.</summary>
    public const int DtFloat = 1;

    /// <summary>DataType DT_DOUBLE.</summary>
    public const int DtDouble = 2;

    /// <summary>DataType DT_STRING.</summary>
    public const int DtString = 7;

    /// <summary>string_val entries (field 8).</summary>
    public IReadOnlyList<byte[]> StringValues { get; init; } = [];

    /// <summary>float_val (field 5).</summary>
    public float[] FloatValues { get; init; } = [];

    /// <summary>double_val (field 6).</summary>
    public double[] DoubleValues { get; init; } = [];

    /// <summary>tensor_content (field 4).</summary>
    public byte[] TensorContent { get; init; } = [];

    /// <summary>The single value of a one-element DT_FLOAT or DT_DOUBLE tensor, else null.</summary>
    public double? ScalarOrNull()
    {
        if (Shape.Aggregate(1L, (a, b) => a * b) != 1)
        {
            return null;
        }

        return Dtype switch
        {
            DtFloat when FloatValues.Length > 0 => FloatValues[0],
            DtFloat when TensorContent.Length == 4 => BinaryPrimitives.ReadSingleLittleEndian(TensorContent),
            DtDouble when DoubleValues.Length > 0 => DoubleValues[0],
            DtDouble when TensorContent.Length == 8 => BinaryPrimitives.ReadDoubleLittleEndian(TensorContent),
            _ => null,
        };
    }
}
