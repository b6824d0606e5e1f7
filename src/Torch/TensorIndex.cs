using Trainer.Torch.Interop;

namespace Trainer.Torch;

/// <summary>
/// One element of a PyTorch-style index, built implicitly from C#: <c>t[0]</c>, <c>t[.., 1..3]</c>, <c>t[^1]</c>,
/// <c>t[TensorIndex.None]</c>, <c>t[TensorIndex.Ellipsis, idx]</c> (with <c>idx</c> a long or bool tensor),
/// <c>TensorIndex.Slice(0, null, 2)</c> for steps.
/// </summary>
public readonly struct TensorIndex
{
    private readonly TTIndex _raw;
    private readonly Tensor? _tensor;

    private TensorIndex(TTIndex raw, Tensor? tensor)
    {
        _raw = raw;
        _tensor = tensor;
    }

    public static TensorIndex None { get; } = new(new TTIndex { Kind = 2 }, null);

    public static TensorIndex Ellipsis { get; } = new(new TTIndex { Kind = 3 }, null);

    /// <summary>start:stop:step, each optional (negative values count from the end).</summary>
    public static TensorIndex Slice(long? start = null, long? stop = null, long? step = null)
    {
        int flags = (start.HasValue ? 1 : 0) | (stop.HasValue ? 2 : 0) | (step.HasValue ? 4 : 0);
        return new(new TTIndex { Kind = 1, Flags = flags, A = start ?? 0, B = stop ?? 0, C = step ?? 1 }, null);
    }

    public static TensorIndex Single(long i) => new(new TTIndex { Kind = 0, A = i }, null);

    public static TensorIndex Bool(bool b) => new(new TTIndex { Kind = 5, A = b ? 1 : 0 }, null);

    public static TensorIndex Tensor(Tensor t) => new(new TTIndex { Kind = 4 }, t);

    public static implicit operator TensorIndex(long i) => Single(i);

    public static implicit operator TensorIndex(int i) => Single(i);

    public static implicit operator TensorIndex(Index i) => Single(i.IsFromEnd ? -i.Value : i.Value);

    public static implicit operator TensorIndex(Range r) => Slice(Bound(r.Start, isStart: true), Bound(r.End, isStart: false));

    public static implicit operator TensorIndex(Tensor t) => Tensor(t);

    private static long? Bound(Index i, bool isStart)
    {
        if (i.IsFromEnd)
        {
            return i.Value == 0 ? (isStart ? 0 : null) : -i.Value;
        }

        return isStart && i.Value == 0 ? null : i.Value;
    }

    internal TTIndex ToNative()
    {
        TTIndex r = _raw;
        if (_tensor is not null)
        {
            r.Tensor = _tensor.Handle.DangerousGetHandle();
        }

        return r;
    }

    internal Tensor? KeepAlive => _tensor;
}
