using Trainer.Data.Randomness;
using Trainer.Data.Tasks;
using Trainer.Models.Core;
using Trainer.Models.Gpt;
using Trainer.Torch;
using Trainer.Torch.Optim;
using static Trainer.Torch.torch;

namespace Trainer.Bench.Models.Workloads;

/// <summary>The shape of a path-star epoch workload; <see cref="Canonical"/> is issue 8's.</summary>
/// <param name="Degree">Arms of the star.</param>
/// <param name="PathLength">Nodes per root-to-leaf path, root included.</param>
/// <param name="Layers">GPT blocks.</param>
/// <param name="Width">GPT width D.</param>
/// <param name="Heads">Attention heads.</param>
/// <param name="BlockSize">Position table size (the sequences use the first 2 positions).</param>
/// <param name="BatchSize">Edge examples per step.</param>
public sealed record PathStarShape(int Degree, int PathLength, int Layers, int Width, int Heads, int BlockSize, int BatchSize)
{
    /// <summary>Issue 8: degree 1000, path length 5, the GPT of the step workload (2 layers, D 128, 4 heads), batch 64.</summary>
    public static PathStarShape Canonical { get; } = new(1000, 5, 2, 128, 4, 32, 64);

    /// <summary>A tiny shape for tests.</summary>
    public static PathStarShape Tiny { get; } = new(8, 3, 1, 32, 2, 8, 16);
}

/// <summary>
/// Issue 8 workload 2, path-star edge memorisation: the in-weights path-star task (<see cref="PathStarTask"/>,
/// randomised node ids, seed 7, degree 1000, path length 5: 4001 nodes, vocabulary 4010) trained on its
/// full edge set, 4000 forward and 4000 backward edges <c>[EDGE] u -&gt; v</c>, encoded as inputs ([EDGE], u) and targets
/// (-1, v), rows shuffled once (seed 7, purpose "bench-order"); one iteration = one epoch = 8000 / 64 = 125 AdamW
/// steps of batch 64 in that fixed order, with the GPT of <see cref="GptStep"/> (vocabulary 4010, block size 32).
/// The rows go to <c>$TMPDIR/trainer-bench-&lt;name&gt;.bin</c> in Setup, where the peer reads the same sequences.
/// Reported in epochs per minute.
/// </summary>
[ModelWorkload(20)]
public sealed class PathStarEpoch : Workload
{
    private const ulong Seed = 7;
    private readonly PathStarShape _shape;
    private readonly string _name;
    private GptModel? _model;
    private AdamW? _optimizer;
    private List<(Tensor Input, Tensor Target)> _batches = new();

    public PathStarEpoch()
        : this(PathStarShape.Canonical, "path-star-epoch")
    {
    }

    /// <summary>A workload at another shape; the peer knows "path-star-epoch" and "path-star-epoch-tiny".</summary>
    internal PathStarEpoch(PathStarShape shape, string name)
    {
        _shape = shape;
        _name = name;
    }

    public override string Name => _name;

    public override string PeerScript => "gpt_peer.py";

    public override string Description =>
        $"path-star edges (degree {_shape.Degree}, path length {_shape.PathLength}): one epoch of the full edge set, " +
        $"batch {_shape.BatchSize}, GPT L={_shape.Layers} D={_shape.Width} heads={_shape.Heads}, AdamW";

    public override string Unit => "epochs/min";

    public override Better Better => Better.Higher;

    /// <summary>Steps per epoch (after <see cref="Setup"/>).</summary>
    internal int StepsPerEpoch => _batches.Count;

    /// <summary>The encoded edge rows (after <see cref="Setup"/>), for tests.</summary>
    internal SequenceArrays? Sequences { get; private set; }

    /// <summary>Where Setup writes the rows for the peer.</summary>
    internal string DataPath => Path.Combine(Path.GetTempPath(), $"trainer-bench-{_name}.bin");

    public override void Setup()
    {
        DisposeState();
        var config = new PathStarTaskConfig { Degree = _shape.Degree, PathLength = _shape.PathLength };
        PathStarTask task = PathStarTask.Build(config, Seed);
        TokenExample[] edges = task.EdgeExamples.ToArray();
        Sampling.Shuffle<TokenExample>(Rng.ForPurpose(Seed, "bench-order"), edges);
        SequenceArrays rows = SequenceArrays.Encode(edges, task.Vocabulary.Pad);
        Sequences = rows;
        WriteRows(DataPath, rows, task.Vocabulary.Size);

        manual_seed(0);
        _model = new GptModel(new GptConfig
        {
            VocabSize = task.Vocabulary.Size, BlockSize = _shape.BlockSize, NLayer = _shape.Layers,
            NHead = _shape.Heads, NEmbd = _shape.Width, Dropout = 0,
        }, task.Graph.NodeCount);
        _model.train();
        _optimizer = optim.AdamW(_model.parameters(), lr: 1e-3);
        using Tensor inputs = tensor(rows.Inputs.Select(v => (long)v).ToArray(), new long[] { rows.Count, rows.Length });
        using Tensor targets = tensor(rows.Targets.Select(v => (long)v).ToArray(), new long[] { rows.Count, rows.Length });
        for (int start = 0; start < rows.Count; start += _shape.BatchSize)
        {
            int size = Math.Min(_shape.BatchSize, rows.Count - start);
            _batches.Add((inputs.narrow(0, start, size).contiguous(), targets.narrow(0, start, size).contiguous()));
        }
    }

    public override void Run(long iterations)
    {
        for (long i = 0; i < iterations; i++)
        {
            Epoch(readLoss: false);
        }
    }

    /// <summary>The mean loss of the first epoch, compared with the peer's.</summary>
    public override double Checksum() => Epoch(readLoss: true);

    public override double ToUnit(double secondsPerIteration) => 60.0 / secondsPerIteration;

    /// <summary>One epoch; returns the mean of the steps' losses (before each update) when asked, else NaN.</summary>
    internal double Epoch(bool readLoss)
    {
        double sum = 0;
        foreach ((Tensor input, Tensor target) in _batches)
        {
            using DisposeScope scope = NewDisposeScope();
            using var batch = new Batch(input.alias(), target.alias());
            Tensor loss = _model!.Loss(batch);
            loss.backward();
            _optimizer!.step();
            _optimizer.zero_grad();
            if (readLoss)
            {
                sum += loss.item<float>();
            }
        }

        return readLoss ? sum / _batches.Count : double.NaN;
    }

    /// <summary>int32 little-endian: count, length, vocab, inputs (count, length), targets (count, length).</summary>
    internal static void WriteRows(string path, SequenceArrays rows, int vocab)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(rows.Count);
        writer.Write(rows.Length);
        writer.Write(vocab);
        foreach (int v in rows.Inputs)
        {
            writer.Write(v);
        }

        foreach (int v in rows.Targets)
        {
            writer.Write(v);
        }
    }

    private void DisposeState()
    {
        _optimizer?.Dispose();
        _optimizer = null;
        _model?.Dispose();
        _model = null;
        foreach ((Tensor input, Tensor target) in _batches)
        {
            input.Dispose();
            target.Dispose();
        }

        _batches.Clear();
    }

    protected override void Dispose(bool disposing) => DisposeState();
}
