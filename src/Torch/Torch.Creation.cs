using Trainer.Torch.Interop;

namespace Trainer.Torch;

/// <summary>
/// The <c>torch</c> namespace of PyTorch as a static class: <c>using static Trainer.Torch.torch;</c> then
/// <c>zeros(2, 3)</c>, <c>matmul(a, b)</c>, <c>nn.Linear(4, 8)</c>, <c>optim.AdamW(...)</c>.
/// </summary>
public static partial class torch
{
    public const ScalarType uint8 = ScalarType.Byte;
    public const ScalarType int8 = ScalarType.Int8;
    public const ScalarType int16 = ScalarType.Int16;
    public const ScalarType int32 = ScalarType.Int32;
    public const ScalarType int64 = ScalarType.Int64;
    public const ScalarType float16 = ScalarType.Float16;
    public const ScalarType bfloat16 = ScalarType.BFloat16;
    public const ScalarType float32 = ScalarType.Float32;
    public const ScalarType float64 = ScalarType.Float64;
    public const ScalarType @bool = ScalarType.Bool;

    /// <summary>The dtype used by factory functions when none is given (torch.get_default_dtype()).</summary>
    public static ScalarType default_dtype { get; set; } = ScalarType.Float32;

    public static readonly Device CPU = Device.CPU;

    static torch()
    {
        Runtime.EnsureInitialized();
    }

    public static DisposeScope NewDisposeScope() => new();

    public static unsafe Tensor empty(long[] shape, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        Device d = device ?? Device.CPU;
        fixed (long* s = shape)
        {
            return Finish(Tensor.From(NativeMethods.tt_empty(s, shape.Length, (int)(dtype ?? default_dtype), (int)d.Type, d.Index)), requires_grad);
        }
    }

    public static unsafe Tensor full(long[] shape, double value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        Device d = device ?? Device.CPU;
        fixed (long* s = shape)
        {
            return Finish(Tensor.From(NativeMethods.tt_full(s, shape.Length, value, (int)(dtype ?? default_dtype), (int)d.Type, d.Index)), requires_grad);
        }
    }

    public static Tensor zeros(long[] shape, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        full(shape, 0, dtype, device, requires_grad);

    public static Tensor ones(long[] shape, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        full(shape, 1, dtype, device, requires_grad);

    public static Tensor zeros(params long[] shape) => zeros(shape, null);

    public static Tensor ones(params long[] shape) => ones(shape, null);

    public static Tensor empty(params long[] shape) => empty(shape, null);

    public static Tensor zeros_like(Tensor t) => zeros(t.shape, t.dtype, t.device);

    public static Tensor ones_like(Tensor t) => ones(t.shape, t.dtype, t.device);

    public static Tensor empty_like(Tensor t) => empty(t.shape, t.dtype, t.device);

    public static Tensor full_like(Tensor t, double value) => full(t.shape, value, t.dtype, t.device);

    public static Tensor randn_like(Tensor t) => randn(t.shape, t.dtype, t.device);

    public static Tensor rand_like(Tensor t) => rand(t.shape, t.dtype, t.device);

    /// <summary>[start, end) with step; dtype defaults to int64 when all arguments are integral, as in PyTorch.</summary>
    public static Tensor arange(double start, double end, double step = 1, ScalarType? dtype = null, Device? device = null)
    {
        Device d = device ?? Device.CPU;
        bool integral = start == Math.Floor(start) && end == Math.Floor(end) && step == Math.Floor(step);
        ScalarType t = dtype ?? (integral ? ScalarType.Int64 : default_dtype);
        return Tensor.From(NativeMethods.tt_arange(start, end, step, (int)t, (int)d.Type, d.Index));
    }

    public static Tensor arange(long end, ScalarType? dtype = null, Device? device = null) => arange(0, end, 1, dtype, device);

    public static Tensor linspace(double start, double end, long steps, ScalarType? dtype = null, Device? device = null)
    {
        Device d = device ?? Device.CPU;
        return Tensor.From(NativeMethods.tt_linspace(start, end, steps, (int)(dtype ?? default_dtype), (int)d.Type, d.Index));
    }

    public static Tensor eye(long n, long? m = null, ScalarType? dtype = null, Device? device = null)
    {
        Device d = device ?? Device.CPU;
        return Tensor.From(NativeMethods.tt_eye(n, m ?? n, (int)(dtype ?? default_dtype), (int)d.Type, d.Index));
    }

    /// <summary>Standard normal samples from the global generator (same numbers as PyTorch for the same seed).</summary>
    public static unsafe Tensor randn(long[] shape, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        Device d = device ?? Device.CPU;
        fixed (long* s = shape)
        {
            return Finish(Tensor.From(NativeMethods.tt_random(0, s, shape.Length, (int)(dtype ?? default_dtype), (int)d.Type, d.Index)), requires_grad);
        }
    }

    /// <summary>Uniform [0, 1) samples from the global generator.</summary>
    public static unsafe Tensor rand(long[] shape, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        Device d = device ?? Device.CPU;
        fixed (long* s = shape)
        {
            return Finish(Tensor.From(NativeMethods.tt_random(1, s, shape.Length, (int)(dtype ?? default_dtype), (int)d.Type, d.Index)), requires_grad);
        }
    }

    public static Tensor randn(params long[] shape) => randn(shape, null);

    public static Tensor rand(params long[] shape) => rand(shape, null);

    /// <summary>Integers uniform in [low, high), int64 by default.</summary>
    public static unsafe Tensor randint(long low, long high, long[] shape, ScalarType? dtype = null, Device? device = null)
    {
        Device d = device ?? Device.CPU;
        fixed (long* s = shape)
        {
            return Tensor.From(NativeMethods.tt_randint(low, high, s, shape.Length, (int)(dtype ?? ScalarType.Int64), (int)d.Type, d.Index));
        }
    }

    public static Tensor randint(long high, long[] shape) => randint(0, high, shape);

    public static Tensor randperm(long n, ScalarType? dtype = null, Device? device = null)
    {
        Device d = device ?? Device.CPU;
        return Tensor.From(NativeMethods.tt_randperm(n, (int)(dtype ?? ScalarType.Int64), (int)d.Type, d.Index));
    }

    /// <summary>N(mean, std^2) samples.</summary>
    public static Tensor normal(double mean, double std, long[] shape, ScalarType? dtype = null, Device? device = null)
    {
        Tensor t = empty(shape, dtype, device);
        Native.Check(NativeMethods.tt_normal_(t.Handle, mean, std));
        return t;
    }

    public static Tensor multinomial(Tensor probs, long num_samples, bool replacement = false) =>
        Tensor.From(NativeMethods.tt_multinomial(probs.Handle, num_samples, replacement ? 1 : 0));

    private static Tensor Finish(Tensor t, bool requiresGrad)
    {
        if (requiresGrad)
        {
            t.requires_grad = true;
        }

        return t;
    }

    // ------------------------------------------------------------ from C# data

    /// <summary>A tensor holding a copy of <paramref name="data"/> with the given shape (default: 1-D).</summary>
    public static unsafe Tensor tensor<T>(ReadOnlySpan<T> data, long[]? shape = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
        where T : unmanaged
    {
        shape ??= new long[] { data.Length };
        long n = 1;
        foreach (long s in shape)
        {
            n *= s;
        }

        if (n != data.Length)
        {
            throw new TorchException($"tensor: {data.Length} values do not fill shape [{string.Join(", ", shape)}] ({n} elements)");
        }

        ScalarType own = ScalarTypeExtensions.Of<T>();
        Tensor t;
        fixed (T* p = data)
        fixed (long* s = shape)
        {
            t = Tensor.From(NativeMethods.tt_from_data(p, s, shape.Length, (int)own));
        }

        if ((dtype.HasValue && dtype.Value != own) || (device.HasValue && device.Value != Device.CPU))
        {
            Tensor c = t.to(dtype ?? own, device ?? Device.CPU);
            t.Dispose();
            t = c;
        }

        return Finish(t, requires_grad);
    }

    public static Tensor tensor<T>(T[] data, long[]? shape = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
        where T : unmanaged => tensor<T>(data.AsSpan(), shape, dtype, device, requires_grad);

    public static Tensor tensor<T>(T[,] data, ScalarType? dtype = null, bool requires_grad = false)
        where T : unmanaged
    {
        var flat = new T[data.Length];
        int k = 0;
        foreach (T v in data)
        {
            flat[k++] = v;
        }

        return tensor<T>(flat, new long[] { data.GetLength(0), data.GetLength(1) }, dtype, null, requires_grad);
    }

    /// <summary>A 0-dimensional tensor.</summary>
    public static Tensor tensor(double value, ScalarType? dtype = null, bool requires_grad = false) =>
        Finish(full(Array.Empty<long>(), value, dtype ?? default_dtype), requires_grad);

    public static Tensor tensor(long value, ScalarType? dtype = null) => full(Array.Empty<long>(), value, dtype ?? ScalarType.Int64);

    public static Tensor from_array<T>(T[] data, params long[] shape)
        where T : unmanaged => tensor<T>(data, shape.Length == 0 ? null : shape);
}
