using System.Runtime.InteropServices;
using Trainer.Torch.Interop;

namespace Trainer.Torch;

/// <summary>
/// An n-dimensional array with autograd, backed by a libtorch <c>at::Tensor</c>. Names follow PyTorch/TorchSharp
/// (<c>view</c>, <c>transpose</c>, <c>masked_fill</c>, <c>backward</c>) so model code ports line by line.
/// Every op returns a new tensor; methods ending in <c>_</c> modify this tensor in place and return it.
/// A tensor is registered in the current <see cref="DisposeScope"/>, if any, which frees it when the scope ends.
/// </summary>
public partial class Tensor : IDisposable
{
    internal readonly TensorHandle Handle;

    internal Tensor(IntPtr handle)
    {
        Handle = new TensorHandle(Native.Check(handle));
        DisposeScope.Register(this);
    }

    internal DisposeScope? Scope { get; set; }

    public bool IsDisposed => Handle.IsClosed;

    /// <summary>Frees the native tensor now (views of it stay valid: storage is reference-counted natively).</summary>
    public void Dispose() => Handle.Dispose();

    internal static Tensor From(IntPtr handle) => new(handle);

    // ------------------------------------------------------------ properties

    public int ndim => Native.Check(NativeMethods.tt_ndim(Handle));

    public int dim() => ndim;

    public unsafe long[] shape
    {
        get
        {
            long* buf = stackalloc long[64];
            int n = Native.Check(NativeMethods.tt_shape(Handle, buf));
            return new ReadOnlySpan<long>(buf, n).ToArray();
        }
    }

    public long size(int d)
    {
        long[] s = shape;
        return s[d < 0 ? d + s.Length : d];
    }

    public unsafe long[] stride()
    {
        long* buf = stackalloc long[64];
        int n = Native.Check(NativeMethods.tt_strides(Handle, buf));
        return new ReadOnlySpan<long>(buf, n).ToArray();
    }

    public long numel() => Native.Check(NativeMethods.tt_numel(Handle));

    public ScalarType dtype => (ScalarType)Native.Check(NativeMethods.tt_dtype(Handle));

    public Device device =>
        new((DeviceType)Native.Check(NativeMethods.tt_device_type(Handle)), NativeMethods.tt_device_index(Handle));

    public bool is_contiguous() => Native.Check(NativeMethods.tt_is_contiguous(Handle)) != 0;

    public bool is_sparse => Native.Check(NativeMethods.tt_is_sparse(Handle)) != 0;

    public bool is_leaf => Native.Check(NativeMethods.tt_is_leaf(Handle)) != 0;

    public long storage_offset() => Native.Check(NativeMethods.tt_storage_offset(Handle));

    /// <summary>True when both tensors are the same native tensor (same storage, offset, sizes and strides).</summary>
    public bool is_same(Tensor other) => Native.Check(NativeMethods.tt_same_storage(Handle, other.Handle)) != 0;

    public bool requires_grad
    {
        get => Native.Check(NativeMethods.tt_requires_grad(Handle)) != 0;
        set => Native.Check(NativeMethods.tt_set_requires_grad(Handle, value ? 1 : 0));
    }

    public Tensor requires_grad_(bool value = true)
    {
        requires_grad = value;
        return this;
    }

    // ------------------------------------------------------------ conversion

    public Tensor to(ScalarType type) => to(type, device);

    public Tensor to(Device dev) => to(dtype, dev);

    public Tensor to(ScalarType type, Device dev, bool copy = false) =>
        From(NativeMethods.tt_to(Handle, (int)type, (int)dev.Type, dev.Index, copy ? 1 : 0));

    public Tensor cpu() => to(Device.CPU);

    public Tensor cuda(int index = 0) => to(Device.CUDA(index));

    public Tensor @float() => to(ScalarType.Float32);

    public Tensor @double() => to(ScalarType.Float64);

    public Tensor @long() => to(ScalarType.Int64);

    public Tensor @int() => to(ScalarType.Int32);

    public Tensor @bool() => to(ScalarType.Bool);

    public Tensor clone() => From(NativeMethods.tt_clone(Handle));

    /// <summary>A new tensor sharing storage with this one, cut from the autograd graph.</summary>
    public Tensor detach() => From(NativeMethods.tt_detach(Handle));

    public Tensor contiguous() => From(NativeMethods.tt_contiguous(Handle));

    /// <summary>A second handle to the same native tensor (same storage, same autograd identity).</summary>
    public Tensor alias() => From(NativeMethods.tt_alias(Handle));

    // ------------------------------------------------------------ data

    /// <summary>The single value of a one-element tensor.</summary>
    public unsafe T item<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(long) || typeof(T) == typeof(int) || typeof(T) == typeof(short) ||
            typeof(T) == typeof(byte) || typeof(T) == typeof(sbyte) || typeof(T) == typeof(bool))
        {
            long v;
            Native.Check(NativeMethods.tt_item_long(Handle, &v));
            return typeof(T) == typeof(bool) ? (T)(object)(v != 0) : (T)Convert.ChangeType(v, typeof(T), null);
        }

        double d;
        Native.Check(NativeMethods.tt_item_double(Handle, &d));
        if (typeof(T) == typeof(double)) return (T)(object)d;
        if (typeof(T) == typeof(float)) return (T)(object)(float)d;
        if (typeof(T) == typeof(Half)) return (T)(object)(Half)d;
        throw new NotSupportedException($"item<{typeof(T).Name}>");
    }

    /// <summary>Copies the values (converted to <typeparamref name="T"/> if needed) into a new C# array, row-major.</summary>
    public T[] data<T>()
        where T : unmanaged
    {
        ScalarType want = ScalarTypeExtensions.Of<T>();
        if (want != dtype)
        {
            using Tensor c = to(want);
            return c.data<T>();
        }

        var result = new T[numel()];
        CopyTo<T>(result);
        return result;
    }

    /// <summary>Copies the values into <paramref name="destination"/>, whose length must equal numel().</summary>
    public unsafe void CopyTo<T>(Span<T> destination)
        where T : unmanaged
    {
        CheckElementType<T>();
        fixed (T* p = destination)
        {
            Native.Check(NativeMethods.tt_copy_to(Handle, p, (long)destination.Length * sizeof(T)));
        }
    }

    /// <summary>Overwrites a contiguous CPU tensor's values from <paramref name="source"/> (no autograd).</summary>
    public unsafe void CopyFrom<T>(ReadOnlySpan<T> source)
        where T : unmanaged
    {
        CheckElementType<T>();
        fixed (T* p = source)
        {
            Native.Check(NativeMethods.tt_copy_from(Handle, p, (long)source.Length * sizeof(T)));
        }
    }

    /// <summary>A span over a contiguous CPU tensor's storage; valid while the tensor is alive.</summary>
    public unsafe Span<T> AsSpan<T>()
        where T : unmanaged
    {
        CheckElementType<T>();
        IntPtr p = Native.Check(NativeMethods.tt_data_ptr(Handle));
        return new Span<T>((void*)p, checked((int)numel()));
    }

    private void CheckElementType<T>()
        where T : unmanaged
    {
        ScalarType want = ScalarTypeExtensions.Of<T>();
        if (want != dtype)
        {
            throw new TorchException($"element type {typeof(T).Name} does not match the tensor's {dtype.TorchName()}");
        }
    }

    /// <summary>PyTorch-style text: values (summarised when large), then shape and dtype.</summary>
    public override string ToString() => IsDisposed ? "tensor(<disposed>)" : TensorFormatter.Format(this);

    /// <summary>libtorch's own printout (values and type, e.g. "[ CPUFloatType{2,2} ]").</summary>
    public string ToNativeString() => Native.TakeString(NativeMethods.tt_to_string(Handle));

    /// <summary>Shape, dtype and device only.</summary>
    public string Describe() => $"Tensor[{string.Join(", ", shape)}] {dtype.TorchName()} {device}";

    internal static unsafe IntPtr[] Handles(IReadOnlyList<Tensor> ts)
    {
        var h = new IntPtr[ts.Count];
        for (int i = 0; i < h.Length; i++)
        {
            h[i] = ts[i].Handle.DangerousGetHandle();
        }

        return h;
    }

    internal static IntPtr Opt(Tensor? t) => t is null ? IntPtr.Zero : t.Handle.DangerousGetHandle();

    internal static Tensor[] FromMany(ReadOnlySpan<IntPtr> handles)
    {
        var r = new Tensor[handles.Length];
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = From(handles[i]);
        }

        return r;
    }

    internal static int SizeOf<T>()
        where T : unmanaged => Marshal.SizeOf<T>();
}
