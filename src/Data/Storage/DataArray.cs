using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Trainer.Data.Storage;

/// <summary>Element types a dataset array can hold (stored little-endian).</summary>
public enum DataType
{
    /// <summary>32-bit signed integer.</summary>
    Int32,

    /// <summary>64-bit signed integer.</summary>
    Int64,

    /// <summary>IEEE-754 single precision.</summary>
    Float32,

    /// <summary>IEEE-754 double precision.</summary>
    Float64,
}

/// <summary>
/// A named n-dimensional array of a dataset: flat row-major data plus its shape. Example: token inputs of 3
/// examples of length 4 are <c>DataArray.Of("inputs", int[12], 3, 4)</c>, dtype int32, shape [3, 4].
/// </summary>
public sealed class DataArray
{
    private DataArray(string name, DataType type, long[] shape, Array data)
    {
        long count = 1;
        foreach (long d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"array '{name}' has a negative dimension");
            }
            count *= d;
        }
        if (count != data.LongLength)
        {
            throw new ArgumentException($"array '{name}' has {data.LongLength} elements but shape [{string.Join(", ", shape)}] needs {count}");
        }
        Name = name;
        Type = type;
        Shape = shape;
        Data = data;
    }

    /// <summary>Name (also the file stem in a dataset folder).</summary>
    public string Name { get; }

    /// <summary>Element type.</summary>
    public DataType Type { get; }

    /// <summary>Dimensions, outermost first.</summary>
    public long[] Shape { get; }

    /// <summary>The flat data: int[], long[], float[] or double[].</summary>
    public Array Data { get; }

    /// <summary>Number of elements.</summary>
    public long Length => Data.LongLength;

    /// <summary>Manifest name of the type: int32, int64, float32, float64.</summary>
    public string TypeName => TypeNameOf(Type);

    /// <summary>int32 array; shape defaults to one dimension.</summary>
    public static DataArray Of(string name, int[] data, params long[] shape) => new(name, DataType.Int32, ShapeOr(shape, data.Length), data);

    /// <summary>int64 array.</summary>
    public static DataArray Of(string name, long[] data, params long[] shape) => new(name, DataType.Int64, ShapeOr(shape, data.Length), data);

    /// <summary>float32 array.</summary>
    public static DataArray Of(string name, float[] data, params long[] shape) => new(name, DataType.Float32, ShapeOr(shape, data.Length), data);

    /// <summary>float64 array.</summary>
    public static DataArray Of(string name, double[] data, params long[] shape) => new(name, DataType.Float64, ShapeOr(shape, data.Length), data);

    /// <summary>The data as T[] (throws if the type differs).</summary>
    public T[] As<T>() => Data as T[] ?? throw new InvalidCastException($"array '{Name}' holds {TypeName}, not {typeof(T).Name}");

    /// <summary>Manifest type name of a <see cref="DataType"/>.</summary>
    public static string TypeNameOf(DataType type) => type switch
    {
        DataType.Int32 => "int32",
        DataType.Int64 => "int64",
        DataType.Float32 => "float32",
        _ => "float64",
    };

    /// <summary>Parses a manifest type name.</summary>
    public static DataType ParseType(string name) => name switch
    {
        "int32" => DataType.Int32,
        "int64" => DataType.Int64,
        "float32" => DataType.Float32,
        "float64" => DataType.Float64,
        _ => throw new FormatException($"unknown dtype '{name}'; expected int32, int64, float32 or float64"),
    };

    /// <summary>Writes the elements little-endian to <paramref name="stream"/>.</summary>
    public void WriteTo(Stream stream)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(RawBytes());
            return;
        }
        var buffer = new byte[8];
        for (long i = 0; i < Length; i++)
        {
            int size = WriteElement(buffer, i);
            stream.Write(buffer, 0, size);
        }
    }

    /// <summary>Reads an array of the given type and shape from little-endian bytes.</summary>
    public static DataArray ReadFrom(Stream stream, string name, DataType type, long[] shape)
    {
        long count = shape.Aggregate(1L, (a, b) => a * b);
        Array data = type switch
        {
            DataType.Int32 => new int[count],
            DataType.Int64 => new long[count],
            DataType.Float32 => new float[count],
            _ => new double[count],
        };
        var array = new DataArray(name, type, shape, data);
        stream.ReadExactly(array.RawBytes());
        if (!BitConverter.IsLittleEndian)
        {
            array.ReverseElementBytes();
        }
        return array;
    }

    private Span<byte> RawBytes() => Data switch
    {
        int[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        long[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        float[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        double[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        _ => throw new InvalidOperationException("unsupported element type"),
    };

    private int WriteElement(byte[] buffer, long i)
    {
        switch (Data)
        {
            case int[] a:
                BinaryPrimitives.WriteInt32LittleEndian(buffer, a[i]);
                return 4;
            case long[] a:
                BinaryPrimitives.WriteInt64LittleEndian(buffer, a[i]);
                return 8;
            case float[] a:
                BinaryPrimitives.WriteSingleLittleEndian(buffer, a[i]);
                return 4;
            default:
                BinaryPrimitives.WriteDoubleLittleEndian(buffer, ((double[])Data)[i]);
                return 8;
        }
    }

    private void ReverseElementBytes()
    {
        int size = Type is DataType.Int32 or DataType.Float32 ? 4 : 8;
        var bytes = RawBytes();
        for (int i = 0; i + size <= bytes.Length; i += size)
        {
            bytes.Slice(i, size).Reverse();
        }
    }

    private static long[] ShapeOr(long[] shape, long length) => shape.Length == 0 ? [length] : shape;
}
