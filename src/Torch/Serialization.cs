using Trainer.Torch.Interop;
using Trainer.Torch.Io;

namespace Trainer.Torch;

public static partial class torch
{
    /// <summary>
    /// Writes named tensors to a safetensors file (atomically: temp file, fsync, rename), with string metadata.
    /// Values are copied bit for bit; the file loads in Python (see docs/SAFETENSORS.md).
    /// </summary>
    public static void save(IReadOnlyDictionary<string, Tensor> tensors, string path, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafeTensorsFile.Write(path, tensors.Select(kv => ToEntry(kv.Key, kv.Value)).ToList(), metadata);

    /// <summary>Reads every tensor of a safetensors file (validated strictly; a corrupt file throws SafeTensorsFormatException).</summary>
    public static Dictionary<string, Tensor> load(string path) => load(path, out _);

    public static Dictionary<string, Tensor> load(string path, out IReadOnlyDictionary<string, string> metadata)
    {
        SafeTensorsFile file = SafeTensorsFile.Read(path);
        metadata = file.Metadata;
        var d = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (SafeTensorEntry e in file.Entries)
        {
            d[e.Name] = FromEntry(e);
        }

        return d;
    }

    /// <summary>A tensor as a safetensors entry (a contiguous CPU copy of its bytes).</summary>
    public static unsafe SafeTensorEntry ToEntry(string name, Tensor t)
    {
        using Tensor c = t.detach().to(t.dtype, Device.CPU).contiguous();
        SafeTensorDType dt = ToSafe(c.dtype);
        var bytes = new byte[c.numel() * c.dtype.ElementSize()];
        fixed (byte* p = bytes)
        {
            Native.Check(NativeMethods.tt_copy_to(c.Handle, p, bytes.Length));
        }

        return new SafeTensorEntry(name, dt, c.shape, bytes);
    }

    /// <summary>A new CPU tensor holding a safetensors entry's values.</summary>
    public static unsafe Tensor FromEntry(SafeTensorEntry e)
    {
        ScalarType st = FromSafe(e.DType);
        long[] shape = e.Shape;
        fixed (byte* p = e.Data.Span)
        fixed (long* s = shape)
        {
            return Tensor.From(NativeMethods.tt_from_data(p, s, shape.Length, (int)st));
        }
    }

    private static SafeTensorDType ToSafe(ScalarType t) => t switch
    {
        ScalarType.Float64 => SafeTensorDType.F64,
        ScalarType.Float32 => SafeTensorDType.F32,
        ScalarType.Float16 => SafeTensorDType.F16,
        ScalarType.BFloat16 => SafeTensorDType.BF16,
        ScalarType.Int64 => SafeTensorDType.I64,
        ScalarType.Int32 => SafeTensorDType.I32,
        ScalarType.Int16 => SafeTensorDType.I16,
        ScalarType.Int8 => SafeTensorDType.I8,
        ScalarType.Byte => SafeTensorDType.U8,
        ScalarType.Bool => SafeTensorDType.BOOL,
        _ => throw new TorchException($"safetensors has no dtype for {t.TorchName()}"),
    };

    private static ScalarType FromSafe(SafeTensorDType t) => t switch
    {
        SafeTensorDType.F64 => ScalarType.Float64,
        SafeTensorDType.F32 => ScalarType.Float32,
        SafeTensorDType.F16 => ScalarType.Float16,
        SafeTensorDType.BF16 => ScalarType.BFloat16,
        SafeTensorDType.I64 => ScalarType.Int64,
        SafeTensorDType.I32 => ScalarType.Int32,
        SafeTensorDType.I16 => ScalarType.Int16,
        SafeTensorDType.I8 => ScalarType.Int8,
        SafeTensorDType.U8 => ScalarType.Byte,
        SafeTensorDType.BOOL => ScalarType.Bool,
        _ => throw new TorchException($"unsupported safetensors dtype {t}"),
    };
}
