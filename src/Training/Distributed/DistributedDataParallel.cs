using System.Diagnostics;
using Trainer.Torch;
using Trainer.Torch.Distributed;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Training.Distributed;

/// <summary>
/// Data-parallel training with the semantics of PyTorch's <c>DistributedDataParallel</c>, for one model replica per
/// rank: <see cref="BroadcastState"/> copies rank 0's parameters and buffers to every rank at the start, and after
/// each backward <see cref="Synchronize"/> replaces every gradient by its average over the W ranks,
/// g = (1/W) sum_r g_r, packing dense gradients into flat buckets (<see cref="BucketLayout"/>) that are all-reduced
/// on Gloo's threads while the next bucket is packed. A parameter without a gradient on some rank counts as zero
/// there (DDP's <c>find_unused_parameters</c>); one without a gradient on every rank keeps none. Sparse gradients
/// (sparse embeddings) are all-reduced one by one as sparse tensors.
/// The same small all-reduce also agrees on the mean loss and on stopping: when any rank asks to stop
/// (<see cref="LocalStop"/>), <see cref="StopToken"/> is cancelled on all ranks after the same step, so no rank is
/// left waiting in a collective.
/// </summary>
public sealed class DistributedDataParallel : IGradientSync, IDisposable
{
    private readonly ProcessGroup _group;
    private readonly long _capBytes;
    private readonly CancellationTokenSource _stop = new();
    private BucketLayout? _layout;
    private bool[] _layoutKey = Array.Empty<bool>();

    public DistributedDataParallel(ProcessGroup group, long bucketCapBytes = BucketLayout.DefaultCapBytes)
    {
        _group = group;
        _capBytes = bucketCapBytes;
    }

    public ProcessGroup Group => _group;

    /// <summary>Polled once per step: true when this rank wants the run to stop (Ctrl+C, a wall-time limit).</summary>
    public Func<bool>? LocalStop { get; set; }

    /// <summary>Cancelled on every rank after the same step once any rank's <see cref="LocalStop"/> said true.</summary>
    public CancellationToken StopToken => _stop.Token;

    /// <summary>Time spent and bytes moved in gradient synchronisation so far.</summary>
    public SyncStats Stats { get; } = new();

    /// <summary>Copies rank 0's parameters and buffers to all ranks (in place, outside autograd).</summary>
    public void BroadcastState(Module module)
    {
        using var scope = NewDisposeScope();
        var tensors = module.parameters().Select(p => p.detach())
            .Concat(module.named_buffers().Select(b => b.buffer.detach())).ToList();
        _group.broadcast(tensors, src: 0);
    }

    /// <summary>Fails on every rank unless all ranks are at the same step (e.g. after a resume).</summary>
    public void CheckSameStep(long step)
    {
        using var scope = NewDisposeScope();
        long[] steps = _group.all_gather(tensor(new[] { step })).Select(t => t.item<long>()).ToArray();
        if (steps.Distinct().Count() > 1)
        {
            throw new InvalidOperationException($"ranks are at different steps ({string.Join(", ", steps)}): " +
                "every rank must resume from the same checkpoint");
        }
    }

    public double Synchronize(Module module, double loss)
    {
        var sw = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        List<Parameter> ps = module.parameters().ToList();
        Tensor?[] grads = ps.Select(p => p.grad).ToArray();
        double[] meta = ReduceMeta(grads, loss);
        TimeSpan agree = sw.Elapsed;
        int n = ps.Count, w = _group.WorldSize;
        bool[] dense = new bool[n], sparse = new bool[n];
        for (int i = 0; i < n; i++)
        {
            dense[i] = meta[i] > 0;
            sparse[i] = meta[n + i] > 0;
            if (dense[i] && sparse[i])
            {
                throw new InvalidOperationException($"parameter {i} has a dense gradient on some ranks and a sparse one on others");
            }
        }

        using (no_grad())
        {
            ReduceDense(ps, grads, dense);
            ReduceSparse(ps, grads, sparse);
        }

        if (meta[2 * n + 1] > 0)
        {
            _stop.Cancel();
        }

        Stats.Add(agree, sw.Elapsed - agree);
        return meta[2 * n] / w;
    }

    // One float64 all-reduce of [dense flags (n), sparse flags (n), loss, stop]: who has which gradient, the summed
    // loss and whether anyone wants to stop.
    private double[] ReduceMeta(Tensor?[] grads, double loss)
    {
        int n = grads.Length;
        var meta = new double[2 * n + 2];
        for (int i = 0; i < n; i++)
        {
            if (grads[i] is { } g)
            {
                meta[g.is_sparse ? n + i : i] = 1;
            }
        }

        meta[2 * n] = loss;
        meta[2 * n + 1] = LocalStop?.Invoke() == true ? 1 : 0;
        Tensor t = tensor(meta);
        _group.all_reduce(t);
        return t.data<double>();
    }

    private void ReduceDense(List<Parameter> ps, Tensor?[] grads, bool[] include)
    {
        BucketLayout layout = Layout(ps, include);
        var pending = new List<(BucketLayout.Bucket Bucket, Tensor Flat, Work Work)>();
        foreach (BucketLayout.Bucket b in layout.Buckets)
        {
            Tensor flat = cat(b.Entries.Select(e => grads[e.Parameter] is { } g ? g.reshape(-1) : zeros(new[] { e.Numel }, b.DType)).ToList());
            pending.Add((b, flat, _group.all_reduce_async(new[] { flat }, ReduceOp.Avg)));
            Stats.Bytes += b.Numel * b.DType.ElementSize();
        }

        foreach (var (bucket, flat, work) in pending)
        {
            using (work)
            {
                work.wait();
            }

            foreach (BucketLayout.Entry e in bucket.Entries)
            {
                Parameter p = ps[e.Parameter];
                Tensor slice = flat.narrow(0, e.Offset, e.Numel).view(p.shape);
                if (grads[e.Parameter] is { } g)
                {
                    g.copy_(slice);
                }
                else
                {
                    p.grad = slice.clone();
                }
            }
        }
    }

    private void ReduceSparse(List<Parameter> ps, Tensor?[] grads, bool[] include)
    {
        for (int i = 0; i < ps.Count; i++)
        {
            if (!include[i])
            {
                continue;
            }

            Tensor local = grads[i] is { } g ? g.coalesce() : EmptySparse(ps[i]);
            _group.all_reduce(local, ReduceOp.Sum);
            ps[i].grad = local.coalesce().div(_group.WorldSize);
        }
    }

    private static Tensor EmptySparse(Parameter p)
    {
        long[] shape = p.shape;
        Tensor indices = zeros(new long[] { 1, 0 }, ScalarType.Int64);
        Tensor values = zeros(new long[] { 0 }.Concat(shape.Skip(1)).ToArray(), p.dtype);
        return sparse_coo_tensor(indices, values, shape);
    }

    private BucketLayout Layout(List<Parameter> ps, bool[] include)
    {
        if (_layout is null || !_layoutKey.AsSpan().SequenceEqual(include))
        {
            _layout = BucketLayout.Build(ps.Select(p => p.numel()).ToList(), ps.Select(p => p.dtype).ToList(), include, _capBytes);
            _layoutKey = include;
        }

        return _layout;
    }

    public void Dispose() => _stop.Dispose();
}
