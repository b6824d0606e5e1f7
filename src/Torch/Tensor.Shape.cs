using Trainer.Torch.Interop;

namespace Trainer.Torch;

// Shape, views, joins and indexing.
public partial class Tensor
{
    private unsafe Tensor WithDims(long[] dims, delegate*<TensorHandle, long*, int, IntPtr> f)
    {
        fixed (long* d = dims)
        {
            return From(f(Handle, d, dims.Length));
        }
    }

    /// <summary>A view with a new shape (one dim may be -1); the tensor must be viewable without a copy.</summary>
    public unsafe Tensor view(params long[] shape) => WithDims(shape, &NativeMethods.tt_view);

    public unsafe Tensor reshape(params long[] shape) => WithDims(shape, &NativeMethods.tt_reshape);

    public unsafe Tensor permute(params long[] dims) => WithDims(dims, &NativeMethods.tt_permute);

    public unsafe Tensor expand(params long[] shape) => WithDims(shape, &NativeMethods.tt_expand);

    public unsafe Tensor repeat(params long[] repeats) => WithDims(repeats, &NativeMethods.tt_repeat);

    public unsafe Tensor flip(params long[] dims) => WithDims(dims, &NativeMethods.tt_flip);

    public Tensor expand_as(Tensor other) => expand(other.shape);

    public Tensor view_as(Tensor other) => view(other.shape);

    public Tensor transpose(long dim0, long dim1) => From(NativeMethods.tt_transpose(Handle, dim0, dim1));

    /// <summary>Transpose of a matrix (2-D), as <c>t.T</c> / <c>t.t()</c>.</summary>
    public Tensor t() => transpose(0, 1);

    public Tensor T => ndim < 2 ? alias() : transpose(-2, -1);

    /// <summary>Swaps the last two dimensions.</summary>
    public Tensor mT => transpose(-2, -1);

    public Tensor unsqueeze(long dim) => From(NativeMethods.tt_unsqueeze(Handle, dim));

    public Tensor squeeze() => From(NativeMethods.tt_squeeze(Handle, 0, 1));

    public Tensor squeeze(long dim) => From(NativeMethods.tt_squeeze(Handle, dim, 0));

    public Tensor flatten(long startDim = 0, long endDim = -1) => From(NativeMethods.tt_flatten(Handle, startDim, endDim));

    public Tensor narrow(long dim, long start, long length) => From(NativeMethods.tt_narrow(Handle, dim, start, length));

    public Tensor select(long dim, long index) => From(NativeMethods.tt_select(Handle, dim, index));

    public Tensor slice(long dim, long start, long end, long step = 1) => From(NativeMethods.tt_slice(Handle, dim, start, end, step));

    public Tensor roll(long shifts, long dim) => From(NativeMethods.tt_roll(Handle, shifts, dim));

    /// <summary>Pieces of <paramref name="size"/> along <paramref name="dim"/> (the last may be smaller).</summary>
    public Tensor[] split(long size, long dim = 0) => Split(0, size, null, dim);

    /// <summary>Pieces of the given sizes along <paramref name="dim"/>.</summary>
    public Tensor[] split(long[] sizes, long dim = 0) => Split(2, 0, sizes, dim);

    public Tensor[] chunk(long chunks, long dim = 0) => Split(1, chunks, null, dim);

    private unsafe Tensor[] Split(int mode, long size, long[]? sizes, long dim)
    {
        long extent = this.size((int)dim);
        int cap = (int)Math.Max(1, mode == 2 ? sizes!.Length : mode == 1 ? size : (extent + size - 1) / Math.Max(1, size)) + 1;
        var outs = new IntPtr[cap];
        fixed (IntPtr* o = outs)
        fixed (long* s = sizes)
        {
            int n = Native.Check(NativeMethods.tt_split(Handle, mode, size, s, sizes?.Length ?? 0, dim, o, cap));
            return FromMany(outs.AsSpan(0, n));
        }
    }

    public Tensor tril(long diagonal = 0) => From(NativeMethods.tt_tril(Handle, diagonal));

    public Tensor triu(long diagonal = 0) => From(NativeMethods.tt_triu(Handle, diagonal));

    public Tensor diag(long diagonal = 0) => From(NativeMethods.tt_diag(Handle, diagonal));

    public Tensor diagonal(long offset = 0, long dim1 = 0, long dim2 = 1) => From(NativeMethods.tt_diagonal(Handle, offset, dim1, dim2));

    public Tensor trace() => From(NativeMethods.tt_trace(Handle));

    // ------------------------------------------------------------ indexing

    /// <summary>PyTorch indexing: integers, ranges, None, Ellipsis and index tensors, for reading and writing.</summary>
    public Tensor this[params TensorIndex[] index]
    {
        get => Index(index);
        set => index_put_(value, index);
    }

    public unsafe Tensor Index(params TensorIndex[] index)
    {
        TTIndex* raw = stackalloc TTIndex[index.Length];
        for (int i = 0; i < index.Length; i++)
        {
            raw[i] = index[i].ToNative();
        }

        Tensor r = From(NativeMethods.tt_index(Handle, raw, index.Length));
        KeepAlive(index);
        return r;
    }

    public unsafe Tensor index_put_(Tensor value, params TensorIndex[] index)
    {
        TTIndex* raw = stackalloc TTIndex[index.Length];
        for (int i = 0; i < index.Length; i++)
        {
            raw[i] = index[i].ToNative();
        }

        Native.Check(NativeMethods.tt_index_put_tensor(Handle, raw, index.Length, value.Handle));
        KeepAlive(index);
        return this;
    }

    public unsafe Tensor index_put_(double value, params TensorIndex[] index)
    {
        TTIndex* raw = stackalloc TTIndex[index.Length];
        for (int i = 0; i < index.Length; i++)
        {
            raw[i] = index[i].ToNative();
        }

        Native.Check(NativeMethods.tt_index_put_scalar(Handle, raw, index.Length, value));
        KeepAlive(index);
        return this;
    }

    private static void KeepAlive(TensorIndex[] index)
    {
        foreach (TensorIndex i in index)
        {
            GC.KeepAlive(i.KeepAlive);
        }
    }

    public Tensor index_select(long dim, Tensor index) => From(NativeMethods.tt_index_select(Handle, dim, index.Handle));

    public Tensor gather(long dim, Tensor index) => From(NativeMethods.tt_gather(Handle, dim, index.Handle));

    public Tensor scatter(long dim, Tensor index, Tensor src) => From(NativeMethods.tt_scatter(0, Handle, dim, index.Handle, src.Handle, 0));

    public Tensor scatter_(long dim, Tensor index, Tensor src) => InPlace(NativeMethods.tt_scatter(0, Handle, dim, index.Handle, src.Handle, 1));

    public Tensor scatter_add(long dim, Tensor index, Tensor src) => From(NativeMethods.tt_scatter(1, Handle, dim, index.Handle, src.Handle, 0));

    public Tensor scatter_add_(long dim, Tensor index, Tensor src) => InPlace(NativeMethods.tt_scatter(1, Handle, dim, index.Handle, src.Handle, 1));

    public Tensor index_add(long dim, Tensor index, Tensor source, double alpha = 1) =>
        From(NativeMethods.tt_index_add(Handle, dim, index.Handle, source.Handle, alpha, 0));

    public Tensor index_add_(long dim, Tensor index, Tensor source, double alpha = 1) =>
        InPlace(NativeMethods.tt_index_add(Handle, dim, index.Handle, source.Handle, alpha, 1));

    public Tensor masked_fill(Tensor mask, double value) => From(NativeMethods.tt_masked_fill(Handle, mask.Handle, value, 0));

    public Tensor masked_fill_(Tensor mask, double value) => InPlace(NativeMethods.tt_masked_fill(Handle, mask.Handle, value, 1));

    public Tensor masked_select(Tensor mask) => From(NativeMethods.tt_masked_select(Handle, mask.Handle));

    public Tensor nonzero() => From(NativeMethods.tt_nonzero(Handle));

    /// <summary>Frees the alias handle an in-place native op returns and gives back this tensor.</summary>
    private Tensor InPlace(IntPtr alias)
    {
        NativeMethods.tt_free(Native.Check(alias));
        return this;
    }
}
